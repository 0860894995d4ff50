using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Mamori.Catalogs;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Features.Organizations;
using Mamori.Features;
using Mamori.Features.Policies;
using Mamori.Features.Quick;
using Mamori.Tests.Documents.Docx;
using Mamori.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using NJsonSchema;

namespace Mamori.Tests.Documents.Books;

/// <summary>
/// A five-person company with the Lv.1 ransomware and BEC standards: every ransomware procedure is
/// published (for all employees, for the system administrator, for the security staff), the BEC
/// procedure for all employees is still a draft, and a 5か条 is published; one employee has
/// acknowledged the ransomware procedure for all employees. The handbook is made from that.
/// </summary>
public sealed class HandbookCompany : IAsyncLifetime
{
    private TestDatabase _test = null!;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.FromHours(9)));

    public Organization Organization { get; private set; } = null!;

    /// <summary>The title of the published ransomware procedure for all employees, and those of the procedures the handbook must leave out.</summary>
    public string ForEveryone { get; private set; } = "";

    public IReadOnlyList<string> LeftOut { get; private set; } = [];

    public IReadOnlyList<EmployeeHandbook.Part> Parts { get; private set; } = [];

    public byte[] Docx { get; private set; } = [];

    public ExportedBook Book { get; private set; } = null!;

    public MamoriDb Open() => _test.Database.Open(Organization.Id, new Actor("tester", Time));

    public async Task InitializeAsync()
    {
        _test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var created = await CreateOrganization.HandleAsync(_test.Database, new("minato-hb", "株式会社みなと工房", null), Time);
        Organization = created.Created ?? throw new InvalidOperationException(created.Problem);
        var members = new List<Membership>();
        await using (var db = _test.Database.Open())
        {
            foreach (var (name, role, audiences) in new[] { ("officer", MemberRole.SecurityOfficer, Array.Empty<string>()), ("admin", MemberRole.Employee, new[] { Audiences.SystemAdministrators }), ("staff", MemberRole.Employee, Array.Empty<string>()) })
            {
                var user = new Accounts.MamoriUser { UserName = $"{name}@example.jp", Email = $"{name}@example.jp", DisplayName = name };
                db.Users.Add(user);
                var membership = new Membership(Organization.Id, user.Id, role);
                membership.Audiences.AddRange(audiences);
                members.Add(membership);
            }

            await db.SaveChangesAsync();
        }

        await using var scoped = Open();
        scoped.Memberships.AddRange(members);
        await scoped.SaveChangesAsync();
        var officer = members[0];
        await StartPolicySet.HandleAsync(scoped, Organization, "港 花子", Language.Japanese, Time.GetUtcNow());
        var roles = await scoped.PolicyRoles.AsNoTracking().OrderBy(r => r.Order).ToListAsync();
        var generated = new[] { "ransomware", "bec" }.Select(t => GenerateStandards.Generate(t, Organization, roles, GenerateStandards.Edits.None, Language.Japanese)).ToList();
        var adopted = await AdoptStandards.HandleAsync(scoped, officer, generated, "港 花子", Time.GetUtcNow()) ?? throw new InvalidOperationException("not adopted");
        var five = await SaveDocument.HandleAsync(scoped, officer, null, new SaveDocument.Request
        {
            Kind = DocumentKind.Standard,
            Title = "情報セキュリティ5か条",
            Body = "1. 更新のお知らせが出たパソコンやスマートフォンは、その日のうちに更新する。\n2. 心当たりのないメールの添付ファイルやリンクは開かず、すぐに相談する。\n",
        }, "港 花子", Time.GetUtcNow());

        async Task PublishAsync(PolicyDocument document)
        {
            var draft = await scoped.DocumentVersions.Where(v => v.DocumentId == document.Id).OrderByDescending(v => v.Number).FirstAsync();
            foreach (var step in new[] { DocumentLifecycle.Step.Submit, DocumentLifecycle.Step.Approve, DocumentLifecycle.Step.Publish })
            {
                Assert.Equal(DocumentLifecycle.Outcome.Done, await DocumentLifecycle.HandleAsync(scoped, officer, Organization, draft.Id, step, "港 花子", Time.GetUtcNow()));
            }
        }

        var ransomware = adopted.Where(d => d.SourceKey.StartsWith("quick:ransomware", StringComparison.Ordinal)).ToList();
        foreach (var document in ransomware.Append(five.EnsureSaved()))
        {
            await PublishAsync(document);
        }

        var forEveryone = ransomware.Single(d => d.Kind == DocumentKind.Procedure && d.Audiences.Contains(Audiences.AllEmployees));
        ForEveryone = forEveryone.Title;
        LeftOut = adopted.Where(d => d.Kind == DocumentKind.Procedure && d != forEveryone).Select(d => d.Title).ToList();
        Assert.Contains(adopted, d => d.SourceKey == $"quick:bec:{Audiences.AllEmployees}");
        Assert.Contains(ransomware, d => d.Kind == DocumentKind.Procedure && !d.Audiences.Contains(Audiences.AllEmployees));

        var staff = members[2];
        var published = await scoped.DocumentVersions.SingleAsync(v => v.DocumentId == forEveryone.Id && v.Status == VersionStatus.Published);
        Assert.Equal(SaveStatus.Saved, await Acknowledgements.AcknowledgeAsync(scoped, staff, published.Id, Time.GetUtcNow()));

        Parts = await EmployeeHandbook.PartsAsync(scoped, Language.Japanese);
        var today = Time.Today(Organization);
        Docx = (await EmployeeHandbook.HandleAsync(scoped, Organization, today, EmployeeHandbook.Format.Docx, Language.Japanese)).Content ?? throw new InvalidOperationException("no handbook");
        var documents = await RenderPolicy.PublishedAsync(scoped, Organization, today, Language.Japanese, Parts.Select(p => p.Document.Id).ToList(), citeControls: false);
        Book = await ExportedBook.WriteAsync("employee-handbook", documents, EmployeeHandbook.Cover(documents, Language.Japanese));
    }

    public async Task DisposeAsync()
    {
        Book?.Dispose();
        await _test.DisposeAsync();
    }
}

[Collection("LibreOffice")]
public sealed class The_employee_handbook(HandbookCompany company) : IClassFixture<HandbookCompany>
{
    [Fact]
    public void Holds_the_five_rules_and_only_the_published_procedures_for_everyone()
    {
        Assert.Equal(["情報セキュリティ5か条", company.ForEveryone], company.Parts.Select(p => p.Document.Title));
        var text = ExportedBook.Squeeze(string.Concat(company.Book.Text));
        Assert.Contains(ExportedBook.Squeeze(company.ForEveryone), text, StringComparison.Ordinal);
        Assert.All(company.LeftOut, title => Assert.DoesNotContain(ExportedBook.Squeeze(title), text, StringComparison.Ordinal));
        Assert.DoesNotContain("附属書", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Shows_who_has_acknowledged_its_procedures()
    {
        var procedure = company.Parts.Single(p => p.Document.Title == company.ForEveryone);
        Assert.Equal(3, procedure.Readers.Count);
        Assert.Equal(1, procedure.Acknowledged);
        Assert.Equal(["staff"], procedure.Readers.Where(r => r.AcknowledgedAt is not null).Select(r => r.DisplayName));
        Assert.Empty(company.Parts.Single(p => p.Document.Kind != DocumentKind.Procedure).Readers);
    }

    [Fact]
    public void Opens_as_Word_under_its_own_cover_without_the_roles_table()
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(company.Docx), isEditable: false);
        Assert.Empty(Writing_a_policy_as_docx.Validate(document));
        var body = document.MainDocumentPart!.Document!.Body!;
        var title = body.Descendants<Paragraph>().First(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Title");
        Assert.Equal("従業員ハンドブック", title.InnerText);
        Assert.DoesNotContain(body.Descendants<Table>(), t => t.Elements<TableRow>().First().InnerText.StartsWith("役職名", StringComparison.Ordinal));
        Assert.Contains(HandbookCatalog.For(Language.Japanese).Introduction.Split('\n')[0][..20], body.InnerText, StringComparison.Ordinal);
        Assert.Equal("従業員ハンドブック 株式会社みなと工房", document.PackageProperties.Title);
    }

    [Fact]
    public void Prints_as_a_PDF_whose_pages_are_numbered_after_the_cover()
    {
        var pages = company.Book.Pages;
        Assert.Contains("従業員ハンドブック", ExportedBook.Squeeze(company.Book.Text[0]), StringComparison.Ordinal);
        Assert.Null(ExportedBook.FooterNumber(pages[0]));
        for (var page = 2; page <= pages.Count; page++)
        {
            Assert.Equal(page, ExportedBook.FooterNumber(pages[page - 1]));
        }

        Assert.Equal(["情報セキュリティ5か条", company.ForEveryone], company.Book.Outline.Where(o => o.Level == 1).Select(o => o.Title));
        Assert.Equal("従業員ハンドブック 株式会社みなと工房", company.Book.Info["Title"]);
        Assert.True(pages.Count <= 12, $"a short booklet: {pages.Count} pages");
    }

    [Fact]
    public async Task Says_so_when_nothing_for_everyone_is_published_yet()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var created = await CreateOrganization.HandleAsync(test.Database, new("empty-hb", "株式会社から", null), company.Time);
        await using var db = test.Database.Open(created.Created!.Id, new Actor("tester", company.Time));
        await StartPolicySet.HandleAsync(db, created.Created, "港 花子", Language.Japanese, company.Time.GetUtcNow());

        var result = await EmployeeHandbook.HandleAsync(db, created.Created, company.Time.Today(created.Created), EmployeeHandbook.Format.Docx, Language.Japanese);

        Assert.Null(result.Content);
        Assert.NotNull(result.Problem);
        Assert.Empty(await EmployeeHandbook.PartsAsync(db, Language.Japanese));
    }
}

public sealed class The_handbook_catalog
{
    [Fact]
    public async Task Matches_its_JSON_schema_and_names_the_procedures_for_everyone()
    {
        var schema = await JsonSchema.FromFileAsync(RepositoryFiles.Path("catalogs", "schema", "handbook.schema.json"));
        var yaml = await File.ReadAllTextAsync(RepositoryFiles.Path("catalogs", "handbook.yaml"));
        var errors = schema.Validate(YamlToJson.Convert(yaml)!.ToJsonString());

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"{e.Path}: {e.Kind}")));
        Assert.Equal(yaml, CatalogSet.ReadEmbedded("handbook.yaml"));
        Assert.Contains(HandbookCatalog.For(CultureInfo.GetCultureInfo("en")).Parts, p => p.Audience == Audiences.AllEmployees);
    }
}
