using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Features.Archive;
using Mamori.Features.Audit;
using Mamori.Features.Organizations;
using Mamori.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Tests.Archive;

public class An_organization_archive : ArchiveTest
{
    private readonly Actor _importer;

    public An_organization_archive() => _importer = new Actor("cli:tester", Time);

    private async Task<(ExportOrganization.Result Result, string Path)> ExportAsync(MamoriDatabase database, string slug)
    {
        var path = Files.PathOf($"{slug}-{Guid.NewGuid():N}.zip");
        await using var file = File.Create(path);
        return (await ExportOrganization.HandleAsync(database, slug, file, Time), path);
    }

    private async Task<ImportOrganization.Result> ImportAsync(MamoriDatabase database, string path, string? slug = null)
    {
        await using var file = File.OpenRead(path);
        return await ImportOrganization.HandleAsync(database, file, slug, _importer);
    }

    private static async Task<VerifyAuditLog.Result> VerifyAsync(MamoriDatabase database, Guid organizationId)
    {
        await using var db = database.Open(organizationId);
        return await VerifyAuditLog.HandleAsync(db);
    }

    [Fact]
    public async Task Round_trips_the_demo_from_SQLite_into_PostgreSQL_and_exports_the_same_content()
    {
        await using var source = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var demo = await SeedDemoAsync(source.Database);
        var (first, firstPath) = await ExportAsync(source.Database, DemoOrganization.Slug);
        Assert.Null(first.Problem);

        await using var target = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var imported = await ImportAsync(target.Database, firstPath);
        Assert.True(imported.Succeeded, imported.Problem);
        Assert.False(imported.NewIds);
        Assert.Equal(demo.Id, imported.Imported!.Id);
        // The account with a password is created again without one; every member of the demo is carried.
        Assert.Contains(imported.Notes, n => n.Contains("officer@example.jp", StringComparison.Ordinal));

        var verified = await VerifyAsync(target.Database, demo.Id);
        Assert.True(verified.Intact, verified.Problem?.ToString());
        Assert.Equal(first.Manifest!.Audit.Entries + 1, verified.Entries);

        var (second, secondPath) = await ExportAsync(target.Database, DemoOrganization.Slug);
        Assert.Null(second.Problem);
        var (before, after) = (PartsOf(firstPath), PartsOf(secondPath));
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        var audit = ArchiveManifest.DataPart("AuditEntry");
        foreach (var part in before.Keys.Where(p => p != ArchiveManifest.PartName && p != audit))
        {
            Assert.True(before[part].AsSpan().SequenceEqual(after[part]), $"{part} differs after the round trip");
        }

        // The audit log is the same entries plus the import's own, at the end of the chain.
        var entries = Rows(after, audit).Select(r => r!.ToJsonString()).ToList();
        var own = Assert.Single(Rows(after, audit), r => (string?)r!["EntityType"] == ImportOrganization.AuditEntityType)!;
        Assert.Equal(verified.Entries, (long)own["Sequence"]!);
        Assert.Equal(Rows(before, audit).Select(r => r!.ToJsonString()), entries.Where(e => e != own.ToJsonString()));

        // Every kind of row an organization holds is in the archive, and the ones this seed fills hold rows.
        await using var db = source.Database.Open();
        Assert.Empty(ArchiveTables.UnclaimedOrganizationTypes(db.Model));
        var parts = first.Manifest.Parts.ToDictionary(p => p.Name);
        foreach (var type in db.Model.GetEntityTypes().Where(t => typeof(IBelongsToOrganization).IsAssignableFrom(t.ClrType)))
        {
            Assert.True(parts.ContainsKey(ArchiveManifest.DataPart(type.ClrType.Name)), $"{type.ClrType.Name} is not in the archive");
        }

        string[] filled = ["Organization", "InformationAsset", "RegisterImport", "RiskScenario", "TreatmentTask", "PolicyDocument", "DocumentVersion",
            "PolicyRole", "Acknowledgement", "DiagnosisResponse", "SoaEntry", "SoaEvidenceFile", "ScsAssessment", "ScsAnswer", "ScsEvidenceFile",
            "ScsReviewNote", "ScsYearlyCheck", "Membership", "Invitation", "AuditEntry"];
        Assert.All(filled, type => Assert.True(parts[ArchiveManifest.DataPart(type)].Rows > 0, $"the seed has no {type}"));
        Assert.Contains(first.Manifest.Parts, p => p.Name.StartsWith("files/SoaEvidenceFile/", StringComparison.Ordinal));
        Assert.Contains(first.Manifest.Parts, p => p.Name.StartsWith("files/RegisterImport/", StringComparison.Ordinal));
        var users = JsonSerializer.Deserialize<List<ArchivedUser>>(before[ArchiveManifest.UsersPart])!;
        Assert.Contains(users, u => u.Email == "officer@example.jp");
        Assert.DoesNotContain("PasswordHash", Encoding.UTF8.GetString(before[ArchiveManifest.UsersPart]), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Imports_a_copy_under_a_new_slug_beside_the_original_with_ids_of_its_own(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var demo = await SeedDemoAsync(test.Database);
        var (original, path) = await ExportAsync(test.Database, DemoOrganization.Slug);

        var refused = await ImportAsync(test.Database, path);
        Assert.False(refused.Succeeded);
        Assert.Contains(DemoOrganization.Slug, refused.Problem, StringComparison.Ordinal);

        var copy = await ImportAsync(test.Database, path, "demo-copy");
        Assert.True(copy.Succeeded, copy.Problem);
        Assert.True(copy.NewIds);
        Assert.NotEqual(demo.Id, copy.Imported!.Id);
        Assert.True((await VerifyAsync(test.Database, demo.Id)).Intact);
        var copied = await VerifyAsync(test.Database, copy.Imported.Id);
        Assert.True(copied.Intact, copied.Problem?.ToString());

        // Each holds its own rows: the copy as many as the original, the original unchanged.
        var (again, againPath) = await ExportAsync(test.Database, DemoOrganization.Slug);
        var (ofCopy, _) = await ExportAsync(test.Database, "demo-copy");
        Assert.Equal(
            original.Manifest!.Parts.Where(p => p.Rows is not null).Select(p => (p.Name, p.Rows, p.Sha256)),
            again.Manifest!.Parts.Where(p => p.Rows is not null).Select(p => (p.Name, p.Rows, p.Sha256)));
        Assert.Equal(
            original.Manifest.Parts.Where(p => p.Rows is not null && p.Name != ArchiveManifest.DataPart("AuditEntry")).Select(p => (p.Name, p.Rows)),
            ofCopy.Manifest!.Parts.Where(p => p.Rows is not null && p.Name != ArchiveManifest.DataPart("AuditEntry")).Select(p => (p.Name, p.Rows)));
        await using var db = test.Database.Open(copy.Imported.Id);
        Assert.Equal(await CountAssetsAsync(test.Database, demo.Id), await db.Assets.CountAsync());
        Assert.DoesNotContain(await db.Assets.Select(a => a.Id).ToListAsync(), (await IdsAsync(test.Database, demo.Id)).Contains);
    }

    private static async Task<int> CountAssetsAsync(MamoriDatabase database, Guid organizationId)
    {
        await using var db = database.Open(organizationId);
        return await db.Assets.CountAsync();
    }

    private static async Task<HashSet<Guid>> IdsAsync(MamoriDatabase database, Guid organizationId)
    {
        await using var db = database.Open(organizationId);
        return [.. await db.Assets.Select(a => a.Id).ToListAsync()];
    }

    [Fact]
    public async Task Is_refused_when_a_part_was_changed_shortened_or_cut_off_naming_the_part_and_writing_nothing()
    {
        await using var source = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await SeedDemoAsync(source.Database);
        var (_, path) = await ExportAsync(source.Database, DemoOrganization.Slug);
        await using var target = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var assets = ArchiveManifest.DataPart("InformationAsset");

        var changed = Rewrite(path, assets, bytes => { var copy = (byte[])bytes.Clone(); copy[bytes.Length / 2] ^= 0x01; return copy; });
        var tampered = await ImportAsync(target.Database, changed);
        Assert.Contains(assets, tampered.Problem, StringComparison.Ordinal);
        Assert.Contains("SHA-256", tampered.Problem, StringComparison.Ordinal);

        var shortened = Rewrite(path, assets, bytes => bytes[..(bytes.Length / 2)]);
        Assert.Contains(assets, (await ImportAsync(target.Database, shortened)).Problem, StringComparison.Ordinal);

        var bytes = await File.ReadAllBytesAsync(path);
        var cut = Files.PathOf("cut.zip");
        await File.WriteAllBytesAsync(cut, bytes[..(bytes.Length * 2 / 3)]);
        var truncated = await ImportAsync(target.Database, cut);
        Assert.False(truncated.Succeeded);
        Assert.NotNull(truncated.Problem);

        var newer = Rewrite(path, ArchiveManifest.PartName, bytes =>
        {
            var manifest = JsonNode.Parse(bytes)!;
            manifest["FormatVersion"] = ArchiveManifest.CurrentVersion + 1;
            return Encoding.UTF8.GetBytes(manifest.ToJsonString());
        });
        Assert.Contains((ArchiveManifest.CurrentVersion + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), (await ImportAsync(target.Database, newer)).Problem, StringComparison.Ordinal);

        Assert.Empty(await ListOrganizations.ForSiteAdministratorAsync(target.Database));
    }

    [Fact]
    public async Task Whose_audit_log_was_edited_and_resealed_in_the_archive_is_refused()
    {
        await using var source = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await SeedDemoAsync(source.Database);
        var (_, path) = await ExportAsync(source.Database, DemoOrganization.Slug);
        var audit = ArchiveManifest.DataPart("AuditEntry");
        var parts = PartsOf(path);
        var rows = Rows(parts, audit);
        rows[1]!["Actor"] = "someone-else";
        var edited = Encoding.UTF8.GetBytes(rows.ToJsonString());
        // The manifest is made to match, as someone who edits an archive would.
        var manifest = JsonNode.Parse(parts[ArchiveManifest.PartName])!;
        var part = manifest["Parts"]!.AsArray().Single(p => (string?)p!["Name"] == audit)!;
        part["Size"] = edited.Length;
        part["Sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(edited));
        var resealed = Rewrite(Rewrite(path, audit, _ => edited), ArchiveManifest.PartName, _ => Encoding.UTF8.GetBytes(manifest.ToJsonString()));

        await using var target = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var refused = await ImportAsync(target.Database, resealed);
        Assert.Contains(audit, refused.Problem, StringComparison.Ordinal);
        Assert.Empty(await ListOrganizations.ForSiteAdministratorAsync(target.Database));
    }
}
