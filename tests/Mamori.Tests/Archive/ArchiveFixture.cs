using System.IO.Compression;
using System.Text.Json.Nodes;
using Mamori.Accounts;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Domain.Scs;
using Mamori.Domain.Soa;
using Mamori.Features.Organizations;
using Mamori.Tests.Persistence;
using Mamori.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Tests.Archive;

/// <summary>The demo installation with a row of every kind an organization can hold, and ways to read and spoil an archive.</summary>
public abstract class ArchiveTest : PersistenceTest
{
    protected const string Password = "Mamori-archive-1";

    /// <summary>The demo organization, plus a kept import, evidence files, a ★3 assessment and an invitation, and an account with a password.</summary>
    protected async Task<Organization> SeedDemoAsync(MamoriDatabase database)
    {
        await DemoOrganization.EnsureAsync(database, Time, CancellationToken.None);
        var demo = (await ListOrganizations.FindAsync(database, DemoOrganization.Slug))!;
        // Rows of the demo's own kind under names it does not use, so that the import keeps its file.
        var rows = SeedRegister.Rows.Select(r => r.Select((cell, i) => i == 1 ? $"{cell}（取込）" : cell).ToArray());
        var imported = await Features.Assets.ImportAssets.HandleAsync(database, demo.Id, Files.Csv("register.csv", SeedRegister.Csv(rows)), Time);
        Assert.True(imported.Succeeded, string.Join("; ", imported.Problems.Select(p => p.ToString())));
        var officer = new MamoriUser { UserName = "officer@example.jp", Email = "officer@example.jp", DisplayName = "情報 太郎", CreatedAt = Time.GetUtcNow().ToUniversalTime() };
        officer.NormalizedEmail = officer.NormalizedUserName = officer.Email.ToUpperInvariant();
        officer.PasswordHash = new PasswordHasher<MamoriUser>().HashPassword(officer, Password);
        await using (var accounts = database.Open())
        {
            accounts.Users.Add(officer);
            await accounts.SaveChangesAsync();
        }

        var now = Time.GetUtcNow().ToUniversalTime();
        await using var db = database.Open(demo.Id, new Actor("officer@example.jp", Time));
        db.Memberships.Add(new Membership(demo.Id, officer.Id, MemberRole.SecurityOfficer));
        db.Invitations.Add(new Invitation(demo.Id, "new@example.jp", MemberRole.Employee, "", "ja", new string('a', 64), officer.Id, now));
        db.SoaEvidenceFiles.Add(new SoaEvidenceFile(demo.Id, "5.1", "方針.pdf", "application/pdf", [0x25, 0x50, 0x44, 0x46, 0x00, 0xFF], now, "情報 太郎"));
        var assessment = new ScsAssessment(demo.Id, 2026, now, "情報 太郎");
        db.ScsAssessments.Add(assessment);
        db.ScsAnswers.Add(new ScsAnswer(demo.Id, assessment.Id, "1-1"));
        db.ScsEvidenceFiles.Add(new ScsEvidenceFile(demo.Id, assessment.Id, "1-1", "台帳.xlsx", "application/octet-stream", [1, 2, 3, 4], now, "情報 太郎"));
        db.ScsReviewNotes.Add(new ScsReviewNote(demo.Id, assessment.Id, "1-1", ScsReviewState.Requested, "確認をお願いします", now, "情報 太郎"));
        db.ScsYearlyChecks.Add(new ScsYearlyCheck(demo.Id, "1-1", new DateOnly(2027, 3, 31)));
        await db.SaveChangesAsync();
        return demo;
    }

    protected static Dictionary<string, byte[]> PartsOf(string archive)
    {
        using var zip = ZipFile.OpenRead(archive);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return buffer.ToArray();
        });
    }

    /// <summary>A copy of <paramref name="archive"/> with one part's bytes replaced (the manifest left as it was).</summary>
    protected string Rewrite(string archive, string part, Func<byte[], byte[]> change)
    {
        var copy = Files.PathOf($"{Guid.NewGuid():N}.zip");
        using var zip = ZipFile.Open(copy, ZipArchiveMode.Create);
        foreach (var (name, content) in PartsOf(archive))
        {
            using var stream = zip.CreateEntry(name).Open();
            stream.Write(name == part ? change(content) : content);
        }

        return copy;
    }

    protected static JsonArray Rows(Dictionary<string, byte[]> parts, string part) => JsonNode.Parse(parts[part])!.AsArray();
}
