using DocumentFormat.OpenXml.Packaging;
using Mamori.Data;

namespace Mamori.Cli.Tests.Servers;

/// <summary>`mamori demo` loads the seminar's journey, so the demo's policy set exports without --drafts.</summary>
public class The_demo_command
{
    [Fact]
    public async Task Loads_a_demo_whose_published_policy_set_exports_as_Word()
    {
        await using var database = await ServerDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using (await ServerProcess.StartAsync(database.Arguments, command: "demo"))
        {
        }

        using var cli = new CliRunner();
        var file = cli.PathOf("policy.docx");
        var result = await cli.RunAsync("export", "policy", "--org", "demo", "--format", "docx", "--out", file, "--db", database.Options.SqliteFile!);

        Assert.True(result.ExitCode == 0, result.Error);
        using var word = WordprocessingDocument.Open(file, isEditable: false);
        Assert.Contains("デモ商事株式会社", word.MainDocumentPart!.Document.Body!.InnerText, StringComparison.Ordinal);
    }
}
