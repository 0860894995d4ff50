using Mamori.Domain.Inventories;
using Mamori.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Data.Configurations;

internal sealed class InventoryItemConfiguration : IEntityTypeConfiguration<InventoryItem>
{
    public void Configure(EntityTypeBuilder<InventoryItem> item)
    {
        item.HasKey(i => i.Id);
        item.HasOne<Organization>().WithMany().HasForeignKey(i => i.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        item.HasIndex(i => new { i.OrganizationId, i.Kind, i.Name });
        item.Property(i => i.Name).HasMaxLength(InventoryItem.MaxTextLength);
        item.Property(i => i.Category).HasMaxLength(InventoryItem.MaxTextLength);
        item.Property(i => i.Maker).HasMaxLength(InventoryItem.MaxTextLength);
        item.Property(i => i.Model).HasMaxLength(InventoryItem.MaxTextLength);
        item.Property(i => i.Software).HasMaxLength(InventoryItem.MaxTextLength);
        item.Property(i => i.Purpose).HasMaxLength(InventoryItem.MaxTextLength);
        item.Property(i => i.Location).HasMaxLength(InventoryItem.MaxTextLength);
        item.Property(i => i.Holder).HasMaxLength(InventoryItem.MaxTextLength);
        item.Property(i => i.Provider).HasMaxLength(InventoryItem.MaxTextLength);
        item.Property(i => i.System).HasMaxLength(InventoryItem.MaxTextLength);
        item.Property(i => i.DataHeld).HasMaxLength(InventoryItem.MaxTextLength);
        item.Property(i => i.Privileges).HasMaxLength(InventoryItem.MaxTextLength);
        item.Property(i => i.Note).HasMaxLength(InventoryItem.MaxNoteLength);
        item.Property(i => i.Version).IsConcurrencyToken();
    }
}
