using System.Globalization;
using Mamori.Catalogs;
using Mamori.Domain.Quick;
using Mamori.Features.Policies;
using Mamori.Features.Quick;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Quick;

/// <summary>Lv.1 steps 3 and 4: the measures of each chosen threat to keep, reword or add, then adoption as drafts.</summary>
public sealed class GenerateModel : OrganizationPage
{
    [BindProperty(SupportsGet = true, Name = "topics")]
    public List<string> TopicIds { get; set; } = [];

    public IReadOnlyList<QuickStandard> Standards { get; private set; } = [];

    /// <summary>A measure whose text has placeholders (roles, rule values), as the organization's documents will read it.</summary>
    public Dictionary<string, string> Readings { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanEditDocuments) is { } denied)
        {
            return denied;
        }

        var quick = QuickCatalog.For(CultureInfo.CurrentUICulture);
        Standards = TopicIds.Distinct().Select(quick.StandardFor).OfType<QuickStandard>().ToList();
        var roles = await Db.PolicyRoles.AsNoTracking().ToListAsync(cancellationToken);
        foreach (var measure in Standards.SelectMany(s => s.Measures).Where(m => m.Text.Contains("{{", StringComparison.Ordinal)))
        {
            Readings[measure.Id] = RenderPolicy.FillTemplate(measure.Text, Organization, roles, CultureInfo.CurrentUICulture).Text;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(List<string> kept, Dictionary<string, string> texts, Dictionary<string, string> added, CancellationToken cancellationToken)
    {
        if (Require(Membership.CanEditDocuments) is { } denied)
        {
            return denied;
        }

        var roles = await Db.PolicyRoles.AsNoTracking().ToListAsync(cancellationToken);
        var keptSet = kept.ToHashSet();
        var generated = TopicIds.Distinct()
            .Where(t => QuickCatalog.For(CultureInfo.CurrentUICulture).StandardFor(t) is not null)
            .Select(topic =>
            {
                var additions = added
                    .Where(a => a.Key.StartsWith(topic + ":", StringComparison.Ordinal) && int.TryParse(a.Key[(topic.Length + 1)..], out var s) && Enum.IsDefined((MeasureSection)s))
                    .Select(a => ((MeasureSection)int.Parse(a.Key[(topic.Length + 1)..], CultureInfo.InvariantCulture), a.Value))
                    .ToList();
                return GenerateStandards.Generate(topic, Organization, roles, new GenerateStandards.Edits(keptSet, texts, additions), CultureInfo.CurrentUICulture);
            })
            .ToList();
        var adopted = await AdoptStandards.HandleAsync(Db, Membership, generated, User.Identity?.Name ?? "", Time.GetUtcNow(), cancellationToken);
        if (adopted is null)
        {
            return Forbid();
        }

        Flash(string.Format(CultureInfo.CurrentCulture, QuickText.Adopted, adopted.Count));
        return Redirect($"{Base}/policy");
    }
}
