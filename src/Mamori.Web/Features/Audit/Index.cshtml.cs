using System.Globalization;
using Mamori.Domain.Audit;
using Mamori.Features.Audit;
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

    /// <summary>Walk the whole hash chain (asked for, since it reads every entry).</summary>
    [BindProperty(SupportsGet = true)]
    public bool Verify { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    /// <summary>What the chain check found, when asked for.</summary>
    public VerifyAuditLog.Result? Verification { get; private set; }

    public bool HasMore { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadAuditLog) is { } denied)
        {
            return denied;
        }

        PageNumber = Math.Max(1, PageNumber);
        if (Verify)
        {
            Verification = await VerifyAuditLog.HandleAsync(Db, cancellationToken);
        }

        // The chain's sequence is the order of writing, whichever node wrote.
        var page = await Db.AuditEntries.AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize + 1)
            .ToListAsync(cancellationToken);
        HasMore = page.Count > PageSize;
        Entries = page.Take(PageSize).ToList();
        return Page();
    }

    public string VerificationMessage(VerifyAuditLog.Result result)
    {
        if (result.Problem is not { } problem)
        {
            return string.Format(CultureInfo.CurrentCulture, AuditText.VerifyIntact, result.Entries, result.HeadHash);
        }

        var template = problem.Kind switch
        {
            VerifyAuditLog.Breach.Changed => AuditText.VerifyChanged,
            VerifyAuditLog.Breach.Inserted => AuditText.VerifyInserted,
            VerifyAuditLog.Breach.FileChanged => AuditText.VerifyFileChanged,
            _ => AuditText.VerifyDeleted,
        };
        return string.Format(
            CultureInfo.CurrentCulture, template, problem.Sequence, problem.EntryId, problem.At.LocalTime(Organization).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            problem.MissingFrom ?? 0, problem.MissingTo ?? 0);
    }

    public string ActionLabel(AuditAction action) => action switch
    {
        AuditAction.Created => AuditText.Created,
        AuditAction.Updated => AuditText.Updated,
        _ => AuditText.Deleted,
    };

    public string EntityLabel(string type) => AuditText.ResourceManager.GetString("Entity" + type, AuditText.Culture) ?? type;
}
