using Mamori.Domain.Treatments;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Treatments;

/// <summary>The 対策実施計画: tasks with owner, due date and status; overdue ones stand out.</summary>
public sealed class IndexModel : OrganizationPage
{
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public IReadOnlyList<TreatmentTask> Tasks { get; private set; } = [];

    public DateOnly TodayDate => Today;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        var query = Db.TreatmentTasks.AsNoTracking();
        if (Status is "open" or "overdue")
        {
            query = query.Where(t => t.Status != TreatmentStatus.Done);
        }

        var today = Today;
        var tasks = await query.ToListAsync(cancellationToken);
        Tasks = tasks
            .Where(t => Status != "overdue" || t.IsOverdue(today))
            .OrderBy(t => t.Status == TreatmentStatus.Done)
            .ThenBy(t => t.DueOn ?? DateOnly.MaxValue)
            .ThenBy(t => t.Title)
            .ToList();
        return Page();
    }
}
