using System.Text;
using Mamori.Tests.Support;
using Mamori.Web.Infrastructure.Api;
using Mamori.Web.Tests;

namespace Mamori.Api.ClientTests;

/// <summary>
/// openapi.json, from which the client is generated, is the document the application serves: a change to the
/// API changes the committed document, and so the client, in the same commit.
/// </summary>
public sealed class The_committed_OpenAPI_document(SharedWebHost shared) : IClassFixture<SharedWebHost>
{
    [Fact]
    public async Task Is_the_one_the_application_serves()
    {
        var live = (await shared.Host.CreateClient().GetStringAsync(ApiDocument.Path)).ReplaceLineEndings("\n");
        var path = RepositoryFiles.Path("tests", "Mamori.Api.ClientTests", "openapi.json");
        var committed = File.Exists(path) ? (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n") : "";
        if (committed != live)
        {
            var written = RepositoryFiles.Path("TestResults", "openapi", "openapi.live.json");
            Directory.CreateDirectory(Path.GetDirectoryName(written)!);
            await File.WriteAllTextAsync(written, live, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            var line = committed.Split('\n').Zip(live.Split('\n')).TakeWhile(p => p.First == p.Second).Count() + 1;
            Assert.Fail($"{path} differs from the served document at line {line}. If the API change is intended: cp {written} {path}, then build again (the client is regenerated).");
        }
    }
}
