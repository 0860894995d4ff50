using Mamori.Accounts;
using Mamori.Domain.Organizations;
using Mamori.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

internal sealed class SentNotificationConfiguration : IEntityTypeConfiguration<SentNotification>
{
    public void Configure(EntityTypeBuilder<SentNotification> sent)
    {
        sent.HasKey(n => n.Id);
        sent.HasOne<Organization>().WithMany().HasForeignKey(n => n.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        // The guarantee that an event is mailed once, whatever the number of nodes and restarts.
        sent.HasIndex(n => new { n.OrganizationId, n.Kind, n.SubjectId, n.RecipientId, n.Occurrence }).IsUnique();
        sent.Property(n => n.RecipientId).HasMaxLength(450);
        sent.Property(n => n.Occurrence).HasMaxLength(SentNotification.MaxOccurrenceLength);
        sent.Property(n => n.ClaimedBy).HasMaxLength(200);
        sent.Property(n => n.Error).HasMaxLength(SentNotification.MaxErrorLength);
        sent.Property(n => n.Version).IsConcurrencyToken();
        sent.Ignore(n => n.CanRetry);
    }
}

internal sealed class OrganizationNotificationSettingsConfiguration : IEntityTypeConfiguration<OrganizationNotificationSettings>
{
    public void Configure(EntityTypeBuilder<OrganizationNotificationSettings> settings)
    {
        settings.HasKey(s => s.OrganizationId);
        settings.HasOne<Organization>().WithOne().HasForeignKey<OrganizationNotificationSettings>(s => s.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        settings.Property(s => s.Off).HasConversion(new JsonConverter<List<string>>(), new JsonComparer<List<string>>());
        settings.Property(s => s.Version).IsConcurrencyToken();
    }
}

internal sealed class UserNotificationSettingsConfiguration : IEntityTypeConfiguration<UserNotificationSettings>
{
    public void Configure(EntityTypeBuilder<UserNotificationSettings> settings)
    {
        settings.HasKey(s => s.UserId);
        settings.HasOne<MamoriUser>().WithOne().HasForeignKey<UserNotificationSettings>(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        settings.Property(s => s.UserId).HasMaxLength(450);
        settings.Property(s => s.Off).HasConversion(new JsonConverter<List<string>>(), new JsonComparer<List<string>>());
        settings.Property(s => s.Version).IsConcurrencyToken();
    }
}

internal sealed class SchedulerLeaseConfiguration : IEntityTypeConfiguration<SchedulerLease>
{
    public void Configure(EntityTypeBuilder<SchedulerLease> lease)
    {
        lease.HasKey(l => l.Name);
        lease.Property(l => l.Name).HasMaxLength(64);
        lease.Property(l => l.Holder).HasMaxLength(200);
    }
}
