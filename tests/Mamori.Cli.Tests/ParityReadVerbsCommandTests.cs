using Mamori.Accounts;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Features.Invitations;
using Mamori.Features.Policies;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Cli.Tests;

/// <summary>More of the API's reads as verbs: a document's versions, comparison and readers, a member's procedures, the diagnosis questions, open invitations, the ranked threats and the tailoring.</summary>
public class The_parity_read_verbs
{
    private static async Task<(MamoriDatabase Database, Organization Org)> OpenAsync(CliRunner cli)
    {
        var database = new MamoriDatabase(DatabaseOptions.ForSqliteFile(cli.PathOf("mamori.db")));
        await using var listing = database.Open();
        return (database, await listing.Organizations.SingleAsync());
    }

    [Fact]
    public async Task Policy_versions_compare_readers_and_procedures_list_give_the_history_the_changed_lines_and_who_acknowledged()
    {
        using var cli = new CliRunner();
        await cli.RunAsync("orgs", "create", "yamada", "--name", "株式会社山田商事");
        var (database, org) = await OpenAsync(cli);
        var officer = new Membership(org.Id, "u1", MemberRole.SecurityOfficer);
        await using (var listing = database.Open())
        {
            listing.Users.AddRange(
                new MamoriUser { Id = "u1", UserName = "sato@example.jp", Email = "sato@example.jp", DisplayName = "佐藤" },
                new MamoriUser { Id = "u2", UserName = "abe@example.jp", Email = "abe@example.jp", DisplayName = "阿部" });
            await listing.SaveChangesAsync();
        }

        await using (var db = database.Open(org.Id))
        {
            db.Memberships.AddRange(officer, new Membership(org.Id, "u2", MemberRole.Employee));
            await db.SaveChangesAsync();
            var saved = await SaveDocument.HandleAsync(db, officer, null, new SaveDocument.Request { Kind = DocumentKind.Procedure, Number = "7.1", Title = "持出し手順", Body = "一行目\n二行目", Audiences = [Audiences.AllEmployees] }, "佐藤", DateTimeOffset.UtcNow);
            foreach (var step in new[] { DocumentLifecycle.Step.Submit, DocumentLifecycle.Step.Approve, DocumentLifecycle.Step.Publish })
            {
                Assert.Equal(DocumentLifecycle.Outcome.Done, await DocumentLifecycle.HandleAsync(db, officer, org, saved.Draft!.Id, step, "佐藤", DateTimeOffset.UtcNow));
            }

            var document = await db.PolicyDocuments.SingleAsync();
            await SaveDocument.HandleAsync(db, officer, document.Id, new SaveDocument.Request { Kind = DocumentKind.Procedure, Number = "7.1", Title = "持出し手順", Body = "一行目\n三行目", Audiences = [Audiences.AllEmployees], Version = document.Version }, "佐藤", DateTimeOffset.UtcNow);
            Assert.Equal(Features.SaveStatus.Saved, await Acknowledgements.AcknowledgeAsync(db, officer, saved.Draft!.Id, DateTimeOffset.UtcNow));
        }

        var versions = await cli.RunAsync("policy", "versions", "7.1", "--org", "yamada", "--format", "json");
        var versionTable = await cli.RunAsync("policy", "versions", "7.1", "--org", "yamada");
        var compared = await cli.RunAsync("policy", "compare", "7.1", "--org", "yamada", "--from", "1", "--to", "2", "--format", "json");
        var diff = await cli.RunAsync("policy", "compare", "7.1", "--org", "yamada", "--from", "1", "--to", "2");
        var missing = await cli.RunAsync("policy", "compare", "7.1", "--org", "yamada", "--from", "1", "--to", "9");
        var readers = await cli.RunAsync("policy", "readers", "7.1", "--org", "yamada", "--format", "json");
        var mine = await cli.RunAsync("procedures", "list", "--org", "yamada", "--user", "SATO@example.jp", "--format", "json");
        var theirs = await cli.RunAsync("procedures", "list", "--org", "yamada", "--user", "abe@example.jp");
        var stranger = await cli.RunAsync("procedures", "list", "--org", "yamada", "--user", "nobody@example.jp");

        Assert.Equal(["Published", "Draft"], versions.Json().GetProperty("versions").GetProperty("items").EnumerateArray().Select(v => v.GetProperty("status").GetString()));
        Assert.True(versions.Json().GetProperty("documentVersion").GetInt32() > 0);
        Assert.Contains("Draft", versionTable.Out, StringComparison.Ordinal);
        Assert.Contains(compared.Json().GetProperty("lines").EnumerateArray(), l => (l.GetProperty("change").GetString(), l.GetProperty("text").GetString()) == ("added", "三行目"));
        Assert.Contains("- 二行目", diff.Out, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        var readerList = readers.Json().GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["abe@example.jp", "sato@example.jp"], readerList.Select(r => r.GetProperty("email").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, readerList[0].GetProperty("acknowledgedAt").ValueKind);
        var procedure = Assert.Single(mine.Json().GetProperty("items").EnumerateArray());
        Assert.Equal(("7.1", 1, "一行目\n二行目"), (procedure.GetProperty("number").GetString(), procedure.GetProperty("version").GetInt32(), procedure.GetProperty("text").GetString()));
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, procedure.GetProperty("acknowledgedAt").ValueKind);
        Assert.Contains("持出し手順", theirs.Out, StringComparison.Ordinal);
        Assert.Equal(1, stranger.ExitCode);
        Assert.Contains("nobody@example.jp", stranger.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diagnosis_questions_members_invitations_quick_threats_and_baseline_tailoring_print_what_the_api_answers()
    {
        using var cli = new CliRunner();
        await cli.RunAsync("orgs", "create", "yamada", "--name", "株式会社山田商事");
        var (database, org) = await OpenAsync(cli);
        await using (var db = database.Open(org.Id))
        {
            var invited = await InviteMember.HandleAsync(db, new Membership(org.Id, "admin", MemberRole.Administrator), new InviteMember.Request { Email = "new@example.jp" }, DateTimeOffset.UtcNow);
            Assert.Equal(Features.SaveStatus.Saved, invited.Status);
        }

        var questions = await cli.RunAsync("diagnosis", "questions", "--format", "json");
        var questionTable = await cli.RunAsync("diagnosis", "questions");
        var invitations = await cli.RunAsync("members", "invitations", "--org", "yamada", "--format", "json");
        var threats = await cli.RunAsync("quick", "threats", "--org", "yamada", "--format", "json");
        var threatTable = await cli.RunAsync("quick", "threats", "--org", "yamada");
        var tailoring = await cli.RunAsync("baseline", "tailoring", "--org", "yamada", "--format", "json");
        var tailoringTable = await cli.RunAsync("baseline", "tailoring", "--org", "yamada");

        Assert.Equal(25, questions.Json().GetProperty("questions").GetArrayLength());
        Assert.NotEmpty(questions.Json().GetProperty("choices").EnumerateArray());
        Assert.Equal(0, questionTable.ExitCode);
        var invitation = Assert.Single(invitations.Json().GetProperty("items").EnumerateArray());
        Assert.Equal(("new@example.jp", "Employee"), (invitation.GetProperty("email").GetString(), invitation.GetProperty("role").GetString()));
        Assert.Equal(10, threats.Json().GetArrayLength());
        Assert.Contains(threats.Json().EnumerateArray(), t => t.GetProperty("topic").GetString() == "ransomware");
        Assert.Contains("ransomware", threatTable.Out, StringComparison.Ordinal);
        Assert.NotEmpty(tailoring.Json().GetProperty("chapters").EnumerateArray());
        Assert.NotEmpty(tailoring.Json().GetProperty("roles").EnumerateArray());
        Assert.Equal(0, tailoringTable.ExitCode);
    }
}
