using Mamori.Domain.Audit;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Audit;

/// <summary>Who changed what, when, with before and after; for 管理者 and 監査人.</summary>
public sealed class IndexModel : OrganizationPage
{
    public const int PageSize = 100;

    // "page" is taken by Razor Pages' own route value.
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public bool HasMore { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadAuditLog) is { } denied)
        {
            return denied;
        }

        PageNumber = Math.Max(1, PageNumber);
        // Ids are version-7 GUIDs, so their order is the order of writing on both databases.
        var page = await Db.AuditEntries.AsNoTracking()
            .OrderByDescending(e => e.Id)
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize + 1)
            .ToListAsync(cancellationToken);
        HasMore = page.Count > PageSize;
        Entries = page.Take(PageSize).ToList();
        return Page();
    }

    public string ActionLabel(AuditAction action) => action switch
    {
        AuditAction.Created => AuditText.Created,
        AuditAction.Updated => AuditText.Updated,
        _ => AuditText.Deleted,
    };

    public string EntityLabel(string type) => AuditText.ResourceManager.GetString("Entity" + type, AuditText.Culture) ?? type;
}
