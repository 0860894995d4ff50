using System.Globalization;
using Fluid;
using Markdig;
using Mamori.Data;
using Mamori.Documents;
using Mamori.Domain;
using Mamori.Domain.Catalog;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Features.RuleValues;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Policies;

/// <summary>
/// Turns stored documents into what people read: placeholders ({{ organization.name }},
/// {{ organization.representative }}, {{ roles.security_officer }}, {{ rules.patch_critical_days }},
/// {{ document.effective_on }}…) filled from the organization's profile, roles table and rule
/// values (a draft with the current values, an approved or published version with those it was
/// approved with), Markdown rendered to safe HTML, and whole documents assembled for the Word,
/// PDF and Markdown writers. Documents are stored with their placeholders, so a changed name,
/// role or rule value reaches every draft the next time it is read.
/// </summary>
public static class RenderPolicy
{
    private static readonly FluidParser Parser = new();

    // {{ name.member … }} up to a filter or the closing braces.
    private static readonly System.Text.RegularExpressions.Regex PlaceholderPattern = new(@"\{\{-?\s*([A-Za-z_][A-Za-z0-9_.]*)", System.Text.RegularExpressions.RegexOptions.Compiled);

    // Raw HTML in user text is shown as text, never passed through.
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();

    /// <summary>The names a template may use, for the editor's help text.</summary>
    public static IReadOnlyList<string> Placeholders { get; } =
    [
        "organization.name", "organization.representative", "organization.industry",
        "document.title", "document.number", "document.version", "document.effective_on",
        "roles.security_officer", "roles.department_security_manager", "roles.system_administrator", "roles.education_officer",
        "today",
    ];

    /// <param name="Error">Why the template was not filled (its text is then returned as written): a syntax error, or <see cref="LimitedTemplate"/>'s message.</param>
    public sealed record Filled(string Text, IReadOnlyList<string> Unknown, string? Error)
    {
        /// <summary>The template went past <see cref="LimitedTemplate"/>'s bounds: <see cref="Error"/> is a whole sentence, not a syntax error.</summary>
        public bool OverLimit { get; init; }
    }

    /// <summary>Fills the placeholders of <paramref name="template"/>; reports placeholders it does not know instead of leaving them blank silently.</summary>
    /// <param name="today">The organization's date, for {{ today }}.</param>
    public static Filled Fill(string template, Organization organization, IReadOnlyList<PolicyRole> roles, PolicyDocument document, DocumentVersion version, DateOnly today, CultureInfo culture)
    {
        if (!Parser.TryParse(template, out var parsed, out var error))
        {
            return new(template, [], error);
        }

        // Fluid leaves an unknown name or member blank without a word; check them against what Mamori fills.
        var roleValues = PolicyTemplates.RoleValues(roles, culture);
        var ruleValues = RuleValues(RuleValueUse.ReadWith(version, organization.RuleValues), culture);
        var known = Placeholders.Concat(roleValues.Keys.Select(k => "roles." + k)).Concat(ruleValues.Keys.Select(k => "rules." + k)).ToHashSet(StringComparer.Ordinal);
        var unknown = PlaceholderPattern.Matches(template).Select(m => m.Groups[1].Value).Where(p => !known.Contains(p)).Distinct().ToList();
        var context = new TemplateContext(LimitedTemplate.Options(culture));
        var effective = version.ApprovedAt ?? version.CreatedAt;
        context.SetValue("organization", new Dictionary<string, object>
        {
            ["name"] = organization.Name,
            ["representative"] = organization.Representative,
            ["industry"] = organization.Industry,
        });
        context.SetValue("document", new Dictionary<string, object>
        {
            ["title"] = document.Title,
            ["number"] = document.Number,
            ["version"] = version.Number.ToString(CultureInfo.InvariantCulture),
            ["effective_on"] = FormatDate(effective.LocalDate(organization), culture),
        });
        context.SetValue("roles", roleValues);
        context.SetValue("rules", ruleValues);
        context.SetValue("today", FormatDate(today, culture));
        var rendered = LimitedTemplate.Render(parsed, context, culture);
        return rendered.Error is { } overLimit ? new(template, unknown, overLimit) { OverLimit = true } : new(rendered.Text!, unknown, null);
    }

    /// <summary>What {{ rules.KEY }} becomes: each rule value as documents write it, from the organization's settings (absent keys take the default).</summary>
    public static Dictionary<string, object> RuleValues(IReadOnlyDictionary<string, string> settings, CultureInfo culture) =>
        Catalogs.RuleValuesCatalog.For(culture).Displays(settings).ToDictionary(v => v.Key, v => (object)v.Value, StringComparer.Ordinal);

    /// <summary>The classification a document of the set is marked with: the organization's internal-only label (rule value label_internal).</summary>
    public static string Classification(Organization organization, CultureInfo culture) =>
        Catalogs.RuleValuesCatalog.For(culture).Find("label_internal")!.Display(organization.RuleValues.GetValueOrDefault("label_internal"));

    /// <summary>
    /// Fills a template that is not a stored document yet (a Lv.1 standard, a Lv.2 chapter, a
    /// control standard) for reading: the organization's names, roles and rule values. Names it
    /// cannot fill are returned.
    /// </summary>
    public static (string Text, List<string> Unfilled) FillTemplate(
        string template, Organization organization, IReadOnlyList<PolicyRole> roles, CultureInfo culture)
    {
        var known = new HashSet<string>(StringComparer.Ordinal) { "organization.name", "organization.representative", "organization.industry" };
        var roleValues = PolicyTemplates.RoleValues(roles, culture);
        known.UnionWith(roleValues.Keys.Select(k => "roles." + k));
        var ruleValues = RuleValues(organization.RuleValues, culture);
        known.UnionWith(ruleValues.Keys.Select(k => "rules." + k));
        var unfilled = PlaceholderPattern.Matches(template).Select(m => m.Groups[1].Value).Where(p => !known.Contains(p)).Distinct().ToList();
        if (!Parser.TryParse(template, out var parsed, out var error))
        {
            return (template, [error]);
        }

        var context = new TemplateContext(LimitedTemplate.Options(culture));
        context.SetValue("organization", new Dictionary<string, object> { ["name"] = organization.Name, ["representative"] = organization.Representative, ["industry"] = organization.Industry });
        context.SetValue("roles", roleValues);
        context.SetValue("rules", ruleValues);
        var rendered = LimitedTemplate.Render(parsed, context, culture);
        if (rendered.Error is { } overLimit)
        {
            return (template, [overLimit]);
        }

        var text = rendered.Text!;
        if (text.Contains("{{", StringComparison.Ordinal))
        {
            unfilled.Add("{{");
        }

        return (text, unfilled);
    }

    /// <summary>
    /// Loads what filling and writing documents of <paramref name="culture"/> reads (the template
    /// parser, the rule values and control catalogs, the documents' labels): a fresh process runs it
    /// on its other core while it reads the database, instead of paying for it at the first document.
    /// </summary>
    public static void Prepare(CultureInfo culture)
    {
        _ = Parser.TryParse("{{ x }}", out _, out _);
        _ = Catalogs.RuleValuesCatalog.For(culture);
        _ = Catalogs.CatalogSet.Default;
        _ = FormatDate(DateOnly.MinValue, culture);
    }

    /// <summary>Markdown to HTML with raw HTML disabled; the web layer sanitizes it once more.</summary>
    public static string ToHtml(string markdown) => Markdig.Markdown.ToHtml(markdown, Markdown);

    /// <summary>A date as documents write it: 2025年4月1日, or 2025-04-01 in English.</summary>
    public static string FormatDate(DateOnly date, CultureInfo culture) =>
        date.ToString(DocumentText.ResourceManager.Text(nameof(DocumentText.DocxDateFormat), culture), CultureInfo.InvariantCulture);

    /// <summary>
    /// The policy set as documents to write: 基本方針, then 対策基準, then 実施手順, each at its
    /// published version (or, with <paramref name="includeDrafts"/>, its latest), with its 改訂履歴
    /// and the roles table.
    /// </summary>
    public static async Task<IReadOnlyList<RenderedDocument>> PolicySetAsync(
        MamoriDb db, Organization organization, DateOnly today, CultureInfo culture, bool includeDrafts, CancellationToken cancellationToken = default) =>
        await RenderAsync(db, organization, today, culture, includeDrafts, await DocumentStatus.ListAsync(db, today, cancellationToken, revisionChecks: false), citeControls: true, cancellationToken);

    /// <summary>
    /// The published versions of <paramref name="documentIds"/>, in that order, as <see cref="PolicySetAsync"/> writes them; one
    /// without a published version is left out. Without <paramref name="citeControls"/> the Annex A line (for auditors) is left out.
    /// </summary>
    public static async Task<IReadOnlyList<RenderedDocument>> PublishedAsync(
        MamoriDb db, Organization organization, DateOnly today, CultureInfo culture, IReadOnlyList<Guid> documentIds, bool citeControls, CancellationToken cancellationToken = default)
    {
        var order = documentIds.Select((id, index) => (id, index)).ToDictionary(x => x.id, x => x.index);
        var statuses = (await DocumentStatus.ListAsync(db, today, cancellationToken, revisionChecks: false)).Where(s => order.ContainsKey(s.Document.Id)).OrderBy(s => order[s.Document.Id]).ToList();
        return await RenderAsync(db, organization, today, culture, includeDrafts: false, statuses, citeControls, cancellationToken);
    }

    private static async Task<IReadOnlyList<RenderedDocument>> RenderAsync(
        MamoriDb db, Organization organization, DateOnly today, CultureInfo culture, bool includeDrafts, IReadOnlyList<DocumentStatus.Item> statuses, bool citeControls, CancellationToken cancellationToken)
    {
        var roles = await db.PolicyRoles.AsNoTracking().OrderBy(r => r.Order).ToListAsync(cancellationToken);
        var history = (await db.DocumentVersions.AsNoTracking()
                .Where(v => v.Status == VersionStatus.Approved || v.Status == VersionStatus.Published || v.Status == VersionStatus.Superseded)
                .ToListAsync(cancellationToken))
            .GroupBy(v => v.DocumentId)
            .ToDictionary(g => g.Key, g => g.OrderBy(v => v.Number).ToList());

        var rendered = new List<RenderedDocument>();
        foreach (var item in statuses)
        {
            var version = includeDrafts ? item.Latest : item.Published;
            if (version is null)
            {
                continue;
            }

            var filled = Fill(version.Body, organization, roles, item.Document, version, today, culture);
            // The version written is the last line of its 改訂履歴, a draft included.
            var revisions = history.GetValueOrDefault(item.Document.Id, []).Where(v => v.Number <= version.Number)
                .Concat(history.GetValueOrDefault(item.Document.Id, []).Any(v => v.Id == version.Id) ? [] : [version])
                .Select(v => new RevisionRow(
                    v.Number.ToString(CultureInfo.InvariantCulture),
                    (v.ApprovedAt ?? v.CreatedAt).LocalDate(organization),
                    v.Author,
                    v.Summary,
                    v.ApprovedBy ?? ""))
                .ToList();
            rendered.Add(new RenderedDocument(
                item.Document.Title,
                organization.Name,
                item.Document.Number,
                version.Number.ToString(CultureInfo.InvariantCulture),
                (version.ApprovedAt ?? version.CreatedAt).LocalDate(organization),
                Classification(organization, culture),
                revisions,
                roles.Select(r => new RoleRow(r.Title, r.Responsibility, r.Holders)).ToList(),
                Sections(item.Document, filled.Text, citeControls, culture),
                culture)
            {
                Approver = version.ApprovedBy ?? "",
                Scope = item.Document.Scope,
            });
        }

        return rendered;
    }

    /// <summary>A document's body as one level-1 section whose heading carries the document's number and title (適用範囲 is the document's <see cref="RenderedDocument.Scope"/>).</summary>
    private static List<DocumentSection> Sections(PolicyDocument document, string body, bool citeControls, CultureInfo culture)
    {
        string Text(string name, string value) => string.Format(culture, DocumentText.ResourceManager.Text(name, culture), value) + "\n\n";
        var citations = document.ControlIds.Order(ControlIdComparer.Instance).Select(id => Catalogs.CatalogSet.Default.FindControl(id)?.Citation(culture) ?? id);
        var controls = citeControls && document.ControlIds.Count > 0
            ? Text(nameof(DocumentText.PolicyControls), string.Join(DocumentText.ResourceManager.Text(nameof(DocumentText.DocxListSeparator), culture), citations))
            : "";
        return [new DocumentSection(document.Number.Length > 0 ? $"{document.Number} {document.Title}" : document.Title, 1, controls + body)];
    }
}
