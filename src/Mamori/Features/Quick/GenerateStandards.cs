using System.Globalization;
using System.Text;
using Mamori.Catalogs;
using Mamori.Domain.Catalog;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Domain.Quick;
using Mamori.Features.Policies;
using Mamori.Resources;

namespace Mamori.Features.Quick;

/// <summary>
/// Step 3 of the Lv.1 flow: the 対策基準 for each chosen threat in the seed's five sections, with
/// the user's edits applied (measures removed, reworded or added), and the 実施手順 for the kept
/// measures grouped by who carries them out. Each comes twice: as a document stores it, with its
/// {{ roles.* }}, {{ rules.* }} and {{ organization.* }} placeholders (so a later change of a role or
/// rule value reaches the draft), and as it reads, with the organization's values filled in.
/// </summary>
public static class GenerateStandards
{
    /// <summary>The user's changes to one threat's template.</summary>
    public sealed record Edits(IReadOnlySet<string>? Kept, IReadOnlyDictionary<string, string> Texts, IReadOnlyList<(MeasureSection Section, string Text)> Added)
    {
        public static Edits None { get; } = new(null, new Dictionary<string, string>(), []);
    }

    /// <param name="Markdown">The procedure as a document stores it, placeholders kept.</param>
    /// <param name="Text">The procedure as it reads, filled from the organization's roles and rule values.</param>
    public sealed record GeneratedProcedure(string Audience, string Title, string Markdown, IReadOnlyList<string> ControlIds, string Text);

    /// <param name="Markdown">The standard as a document stores it, placeholders kept.</param>
    /// <param name="Text">The standard as it reads, filled from the organization's names, roles and rule values.</param>
    public sealed record GeneratedStandard(string TopicId, string Title, string Markdown, IReadOnlyList<string> ControlIds, IReadOnlyList<GeneratedProcedure> Procedures, string Text);

    public static GeneratedStandard Generate(string topicId, Organization organization, IReadOnlyList<PolicyRole> roles, Edits edits, CultureInfo culture)
    {
        var template = QuickCatalog.For(culture).StandardFor(topicId)
            ?? throw new ArgumentException($"No Lv.1 template for the topic '{topicId}'.", nameof(topicId));
        var catalogs = CatalogSet.Default;
        var measures = template.Measures
            .Where(m => edits.Kept is null || edits.Kept.Contains(m.Id))
            .Select(m => edits.Texts.TryGetValue(m.Id, out var text) && !string.IsNullOrWhiteSpace(text) ? m with { Text = text.Trim() } : m)
            .Concat(edits.Added.Where(a => !string.IsNullOrWhiteSpace(a.Text)).Select((a, i) => new Measure($"{topicId}-added-{i + 1}", a.Section, a.Text.Trim(), [], [])))
            .ToList();

        string Cite(IEnumerable<string> ids) => string.Join(DocumentText.ResourceManager.Text(nameof(DocumentText.DocxListSeparator), culture), ids.Order(ControlIdComparer.Instance).Select(id => catalogs.FindControl(id)!.Citation(culture)));

        var body = new StringBuilder();
        body.AppendLine(CultureInfo.InvariantCulture, $"## 1. {Messages.QuickSectionThreat}").AppendLine().AppendLine(template.Threat).AppendLine();
        foreach (var section in Enum.GetValues<MeasureSection>())
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"## {(int)section}. {SectionTitle(section)}").AppendLine();
            var inSection = measures.Where(m => m.Section == section).ToList();
            if (inSection.Count == 0)
            {
                body.AppendLine(Messages.QuickNoMeasure).AppendLine();
                continue;
            }

            foreach (var measure in inSection)
            {
                body.Append(CultureInfo.InvariantCulture, $"- {measure.Text}");
                if (measure.ControlIds.Count > 0)
                {
                    body.Append(CultureInfo.InvariantCulture, $"（{Cite(measure.ControlIds)}）");
                }

                body.AppendLine();
            }

            body.AppendLine();
        }

        var procedures = measures
            .SelectMany(m => m.Procedures.Select(p => (Measure: m, Procedure: p)))
            .GroupBy(x => AudienceOf(x.Procedure.Role))
            .Select(group =>
            {
                // Each measure is a numbered item (never a heading: it is a sentence), its who/what/when/check/record under it.
                var text = new StringBuilder();
                var number = 0;
                foreach (var (measure, procedure) in group)
                {
                    var item = (++number).ToString(CultureInfo.InvariantCulture) + ". ";
                    var indent = new string(' ', item.Length);
                    text.AppendLine(CultureInfo.InvariantCulture, $"{item}{measure.Text}").AppendLine()
                        .AppendLine(CultureInfo.InvariantCulture, $"{indent}- **{Messages.QuickProcedureWho}**: {RoleName(procedure.Role)}")
                        .AppendLine(CultureInfo.InvariantCulture, $"{indent}- **{Messages.QuickProcedureWhat}**: {procedure.What}")
                        .AppendLine(CultureInfo.InvariantCulture, $"{indent}- **{Messages.QuickProcedureWhen}**: {procedure.When}")
                        .AppendLine(CultureInfo.InvariantCulture, $"{indent}- **{Messages.QuickProcedureCheck}**: {procedure.Check}")
                        .AppendLine(CultureInfo.InvariantCulture, $"{indent}- **{Messages.QuickProcedureRecord}**: {procedure.Record}")
                        .AppendLine();
                }

                var title = string.Format(CultureInfo.CurrentCulture, Messages.QuickProcedureTitle, template.Title, AudienceName(group.Key));
                return new GeneratedProcedure(group.Key, title, text.ToString(), group.SelectMany(x => x.Measure.ControlIds).Distinct().Order(ControlIdComparer.Instance).ToList(), Read(text.ToString()));
            })
            .OrderBy(p => Array.IndexOf([.. Audiences.All], p.Audience))
            .ToList();

        return new GeneratedStandard(topicId, template.Title, body.ToString(), measures.SelectMany(m => m.ControlIds).Distinct().Order(ControlIdComparer.Instance).ToList(), procedures, Read(body.ToString()));

        string Read(string stored) => RenderPolicy.FillTemplate(stored, organization, roles, culture).Text;
    }

    /// <summary>The standards and procedures of several threats as one Markdown text, as they read (for `mamori quick`).</summary>
    public static string ToMarkdown(IEnumerable<GeneratedStandard> standards)
    {
        var text = new StringBuilder();
        foreach (var standard in standards)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"# {standard.Title}").AppendLine().Append(standard.Text);
            foreach (var procedure in standard.Procedures)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"# {procedure.Title}").AppendLine().Append(procedure.Text);
            }
        }

        return text.ToString();
    }

    public static string SectionTitle(MeasureSection section) => section switch
    {
        MeasureSection.Organizational => Messages.QuickSectionOrganizational,
        MeasureSection.People => Messages.QuickSectionPeople,
        MeasureSection.Physical => Messages.QuickSectionPhysical,
        _ => Messages.QuickSectionTechnological,
    };

    /// <summary>The procedure audience of a role key.</summary>
    public static string AudienceOf(string role) => role switch
    {
        ProcedureRoles.AllEmployees => Audiences.AllEmployees,
        ProcedureRoles.Executives => Audiences.Executives,
        ProcedureRoles.SystemAdministrator => Audiences.SystemAdministrators,
        _ => Audiences.SecurityStaff,
    };

    private static string AudienceName(string audience) => audience switch
    {
        Audiences.AllEmployees => Messages.QuickAudienceAllEmployees,
        Audiences.Executives => Messages.QuickAudienceExecutives,
        Audiences.SystemAdministrators => Messages.QuickAudienceSystemAdministrators,
        _ => Messages.QuickAudienceSecurityStaff,
    };

    /// <summary>
    /// Who carries out a procedure: a role of the roles table as its placeholder (filled with its
    /// title and holders whenever the document is read), or everyone / the executives by name.
    /// </summary>
    private static string RoleName(string role)
    {
        if (PolicyTemplates.DefaultRoles.Any(r => r.Key == role))
        {
            return $"{{{{ roles.{role} }}}}";
        }

        return role == ProcedureRoles.Executives ? Messages.QuickAudienceExecutives : Messages.QuickAudienceAllEmployees;
    }
}
