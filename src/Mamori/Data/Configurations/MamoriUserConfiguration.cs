using Mamori.Accounts;
using Mamori.Domain.Assets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

/// <summary>What Mamori adds to ASP.NET Core Identity's user (configured by the context's base class).</summary>
internal sealed class MamoriUserConfiguration : IEntityTypeConfiguration<MamoriUser>
{
    public void Configure(EntityTypeBuilder<MamoriUser> user)
    {
        user.Property(u => u.DisplayName).HasMaxLength(InformationAsset.MaxTextLength);
        user.Property(u => u.PreferredLanguage).HasMaxLength(8);
    }
}
