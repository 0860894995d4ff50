using System.Diagnostics;
using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Domain.Organizations;
using Mamori.Domain.Soa;
using Mamori.Features.Baseline;
using Mamori.Features.Policies;
using Mamori.Features.Quick;
using Mamori.Features.Soa;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Bench;

/// <summary>
/// The whole policy book as users meet it: a database prepared before timing (through the
/// product's own use cases) with every Lv.1 topic, every Lv.2 chapter and a 対策基準 for each of
/// the 93 controls, all drafts; then `mamori export policy --drafts` as a fresh process for Word
/// and for PDF, timed from outside, and the files reopened (the Word package and the PDF's pages).
/// Baselines of the same run: for Word, `mamori orgs list` on the same database (a fresh process
/// that opens the database and does nothing else, so the ratio shows what the export adds to
/// starting the command); for PDF, LibreOffice converting the exported .docx to PDF on its own
/// (a warmed profile, no table-of-contents update), which is the floor Mamori's PDF stands on.
/// </summary>
public static class BookMeasures
{
    public static readonly string[] Ids = ["book.docx", "book.pdf", "book.pages", "book.small.docx", "book.small.pdf", "book.small.pages"];

    /// <param name="quick">The quick run proves the measure works: one Word export, no PDF (LibreOffice takes minutes on the whole book).</param>
    public static async Task<List<Measure>> RunAsync(string product, string work, bool quick, Func<string, bool> wanted)
    {
        var soffice = new[] { "/usr/bin/soffice", "/usr/bin/libreoffice" }.FirstOrDefault(File.Exists);
        var dbFile = Path.Combine(work, "book.db");
        var documents = await PrepareAsync(dbFile);
        var smallDocuments = await PrepareSmallAsync(dbFile);
        Console.WriteLine($"   prepared: {documents} documents (every Lv.1 topic, every Lv.2 chapter, 93 control standards); a five-person company's Lv.1 set of {smallDocuments}");

        async Task<UserMeasures.Timed> Mamori(params string[] arguments) =>
            await UserMeasures.TimeAsync("dotnet", [product, .. arguments, "--db", dbFile]);

        async Task<UserMeasures.Timed> ExportAsync(string organization, string format, string path)
        {
            File.Delete(path);
            return await Mamori("export", "policy", "--org", organization, "--format", format, "--drafts", "--out", path);
        }

        var measures = new List<Measure>();
        var docx = Path.Combine(work, "book.docx");
        var smallDocx = Path.Combine(work, "small.docx");

        // Three runs each, the median: the commands take about a second, and one run of a shared machine's noise would decide it.
        var idle = new List<UserMeasures.Timed>();
        var exports = new List<UserMeasures.Timed>();
        var smallExports = new List<UserMeasures.Timed>();
        for (var i = 0; i < (quick ? 1 : 3); i++)
        {
            idle.Add(await Mamori("orgs", "list"));
            exports.Add(await ExportAsync("book", "docx", docx));
            smallExports.Add(await ExportAsync("small", "docx", smallDocx));
        }

        Console.WriteLine($"   book.docx: {new FileInfo(docx).Length / 1024} KB, {BodyElements(docx)} body elements; small.docx: {BodyElements(smallDocx)}");
        measures.Add(new("book.docx", $"mamori export policy --drafts, {documents} documents, docx (whole process, median of {exports.Count}, file reopened)",
            Median(exports), "s", Median(idle), "mamori orgs list, same db", "≤ 1 s", m => m.Value <= 1));
        // The set of the issue's new user: a five-person company that chose two Lv.1 threats.
        measures.Add(new("book.small.docx", $"the same for a five-person company's Lv.1 set, {smallDocuments} documents, docx",
            Median(smallExports), "s", Median(idle), "mamori orgs list, same db", "≤ 1 s", m => m.Value <= 1));

        if (soffice is null)
        {
            Console.WriteLine("   LibreOffice is not installed: the PDF books are left out");
        }
        else if (quick)
        {
            Console.WriteLine("   quick run: the PDF books are left out");
        }
        else
        {
            if (wanted("book.pdf") || wanted("book.pages"))
            {
                var pdf = Path.Combine(work, "book.pdf");
                var export = await ExportAsync("book", "pdf", pdf);
                var pages = await PagesAsync(pdf);
                var alone = await LibreOfficeAloneAsync(soffice, docx, work);
                Console.WriteLine($"   book.pdf: {pages} pages, {new FileInfo(pdf).Length / 1024} KB");
                measures.Add(new("book.pdf", $"mamori export policy --drafts, {documents} documents, PDF (whole process)",
                    export.Seconds, "s", alone, "LibreOffice docx → PDF alone", "≤ 30 s", m => m.Value <= 30));
                measures.Add(new("book.pages", "pages of that PDF book", pages, "pages", null, null, "several hundred", null));
            }

            if (wanted("book.small.pdf") || wanted("book.small.pages"))
            {
                var smallPdf = Path.Combine(work, "small.pdf");
                var export = await ExportAsync("small", "pdf", smallPdf);
                measures.Add(new("book.small.pdf", $"the same for a five-person company's Lv.1 set, {smallDocuments} documents, PDF", export.Seconds, "s", null, null, "≤ 30 s", m => m.Value <= 30));
                measures.Add(new("book.small.pages", "pages of that PDF", await PagesAsync(smallPdf), "pages", null, null, "—", null));
            }
        }

        measures.RemoveAll(m => !wanted(m.Id));
        return measures;
    }

    /// <summary>A five-person company beside the full set: the 基本方針 and the standards and procedures of two Lv.1 threats, drafts.</summary>
    public static async Task<int> PrepareSmallAsync(string file)
    {
        var database = new MamoriDatabase(DatabaseOptions.Resolve(file, null, _ => null));
        var org = new Organization("small", "株式会社やまだ商店", TimeProvider.System.GetUtcNow()) { Representative = "代表取締役 山田 一郎", EmployeeCount = 5 };
        await using var db = database.Open(org.Id, new Actor("bench", TimeProvider.System));
        var (officer, now) = await StartAsync(database, db, org, "山田 花子");
        var roles = await db.PolicyRoles.AsNoTracking().OrderBy(r => r.Order).ToListAsync();
        var generated = new[] { "ransomware", "insider" }
            .Select(topic => GenerateStandards.Generate(topic, org, roles, GenerateStandards.Edits.None, Language.Japanese)).ToList();
        await AdoptStandards.HandleAsync(db, officer, generated, "山田 花子", now);
        var count = await db.PolicyDocuments.CountAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return count;
    }

    /// <summary>Stores <paramref name="organization"/> and starts its policy set (the 基本方針 and the roles table), as its security officer.</summary>
    private static async Task<(Membership Officer, DateTimeOffset Now)> StartAsync(MamoriDatabase database, MamoriDb db, Organization organization, string author)
    {
        var time = TimeProvider.System;
        await using (var accounts = database.Open(null, new Actor("bench", time)))
        {
            accounts.Organizations.Add(organization);
            await accounts.SaveChangesAsync();
        }

        var now = time.GetUtcNow();
        await StartPolicySet.HandleAsync(db, organization, author, Language.Japanese, now);
        return (new Membership(organization.Id, Guid.NewGuid().ToString(), MemberRole.SecurityOfficer), now);
    }

    /// <summary>Reopens a Word file the export wrote: its body's element count, or an exception when it does not open.</summary>
    private static int BodyElements(string docx)
    {
        using var reopened = WordprocessingDocument.Open(docx, isEditable: false);
        return reopened.MainDocumentPart!.Document!.Body!.ChildElements.Count;
    }

    private static double Median(List<UserMeasures.Timed> runs) => runs.Select(r => r.Seconds).Order().ElementAt(runs.Count / 2);

    /// <summary>The full set in a SQLite file of its own, made as a user makes it (Lv.1 for every topic, Lv.2, every control applicable and its standard).</summary>
    public static async Task<int> PrepareAsync(string file)
    {
        var time = TimeProvider.System;
        var database = new MamoriDatabase(DatabaseOptions.Resolve(file, null, _ => null));
        await database.MigrateAsync();
        var org = new Organization("book", "株式会社ぜんぶ商事", time.GetUtcNow())
        {
            Representative = "代表取締役 全部一郎",
            HandlesMyNumber = true,
            UsesCloudServices = true,
            Teleworks = true,
            HandlesPersonalInformation = true,
        };
        await using var db = database.Open(org.Id, new Actor("bench", time));
        var (officer, now) = await StartAsync(database, db, org, "全部 花子");
        foreach (var role in await db.PolicyRoles.ToListAsync())
        {
            role.Holders = role.Order == 1 ? "全部 一郎" : "全部 花子";
        }

        await db.SaveChangesAsync();
        foreach (var control in Catalogs.CatalogSet.Default.Controls)
        {
            await DecideControl.HandleAsync(db, officer, org, new(control.Id, Applicability.Applicable, "リスク対応に必要", ImplementationStatus.Planned, "全部 花子", null), "全部 花子", now);
        }

        await GenerateControlStandards.HandleAsync(db, officer, org, "全部 花子", now, Language.Japanese);
        var roles = await db.PolicyRoles.AsNoTracking().OrderBy(r => r.Order).ToListAsync();
        var generated = Catalogs.QuickCatalog.For(Language.Japanese).Standards
            .Select(s => GenerateStandards.Generate(s.TopicId, org, roles, GenerateStandards.Edits.None, Language.Japanese)).ToList();
        await AdoptStandards.HandleAsync(db, officer, generated, "全部 花子", now);
        var rules = await AdoptRules.HandleAsync(db, officer, org, "全部 花子", now, Language.Japanese);
        if (rules is null || rules.Unfilled.Count > 0)
        {
            throw new InvalidOperationException($"The Lv.2 chapters were not adopted: {string.Join(", ", rules?.Unfilled ?? [])}");
        }

        var count = await db.PolicyDocuments.CountAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return count;
    }

    private static async Task<int> PagesAsync(string pdf)
    {
        var info = new ProcessStartInfo("pdfinfo", [pdf]) { RedirectStandardOutput = true };
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("Pages:", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"pdfinfo could not read {pdf}: the PDF book did not reopen.");
        return int.Parse(line["Pages:".Length..].Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>LibreOffice converting the exported Word file to PDF, on a profile already initialised (its first start is not the conversion's cost).</summary>
    private static async Task<double> LibreOfficeAloneAsync(string soffice, string docx, string work)
    {
        var profile = $"-env:UserInstallation=file://{Directory.CreateDirectory(Path.Combine(work, "book-lo-profile")).FullName}";
        var output = Directory.CreateDirectory(Path.Combine(work, "book-lo-out")).FullName;
        await UserMeasures.TimeAsync(soffice, [profile, "--headless", "--norestore", "--terminate_after_init"]);
        var converted = await UserMeasures.TimeAsync(soffice, [profile, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", output, docx]);
        if (!File.Exists(Path.Combine(output, "book.pdf")))
        {
            throw new InvalidOperationException("LibreOffice did not convert the exported book to PDF.");
        }

        return converted.Seconds;
    }
}
