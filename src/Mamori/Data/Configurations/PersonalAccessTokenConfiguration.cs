using Mamori.Accounts;
using Mamori.Domain.Assets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

internal sealed class PersonalAccessTokenConfiguration : IEntityTypeConfiguration<PersonalAccessToken>
{
    public void Configure(EntityTypeBuilder<PersonalAccessToken> token)
    {
        token.HasKey(t => t.Id);
        token.HasIndex(t => t.TokenHash).IsUnique();
        token.HasIndex(t => t.UserId);
        token.HasOne<MamoriUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        token.Property(t => t.Name).HasMaxLength(InformationAsset.MaxTextLength);
        token.Property(t => t.TokenHash).HasMaxLength(64);
        token.Property(t => t.Hint).HasMaxLength(16);
    }
}
