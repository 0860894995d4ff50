using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Mamori.Data;
using Mamori.Domain.Organizations;

namespace Mamori.Web.Tests;

/// <summary>
/// An uploaded register is read by the extension of its name, and only the known ones are taken:
/// any other name is a 400 with a message, whatever characters it holds.
/// </summary>
/// <remarks>One host per database provider for the class; each test works in an organization of its own.</remarks>
public sealed class Upload_names(SharedWebHosts hosts) : IClassFixture<SharedWebHosts>
{
    private const string Csv = "業務分類,情報資産名称,備考,利用者範囲,リスク所有者,管理部署,媒体・保存先,機密性,完全性,可用性,重要度,被害発生可能性,リスクレベル\n人事,社員名簿,社員基本情報,人事部,人事部長,人事部,人事担当者のPC,3,3,2,3,3,9\n";

    public static TheoryData<DatabaseProvider, string> Refused() => new()
    {
        { DatabaseProvider.Sqlite, "evil.c\0sv" },
        { DatabaseProvider.Sqlite, "evil." + new string('a', 255) },
        { DatabaseProvider.Sqlite, "register.exe" },
        { DatabaseProvider.Sqlite, "register" },
        { DatabaseProvider.Sqlite, "../../register.csv/." },
        { DatabaseProvider.Postgres, "evil.c\0sv" },
        { DatabaseProvider.Postgres, "evil." + new string('a', 255) },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Another_extension_is_refused_with_400_and_a_message(DatabaseProvider provider, string fileName)
    {
        // An organization of its own on the provider's host, so that "nothing stored" is about this upload alone.
        var host = hosts.For(provider);
        var slug = $"refused-{Guid.NewGuid():N}"[..20];
        var org = await host.OrganizationAsync(slug);
        await host.UserAsync($"officer@{slug}.example.jp", org, MemberRole.SecurityOfficer);
        var client = await host.SignedInAsync($"officer@{slug}.example.jp");

        var response = await UploadAsync(client, $"/o/{slug}/assets/import", fileName, Csv);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(".xlsx", (await response.HtmlAsync()).QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        await using var db = host.Database.Open(org.Id);
        Assert.Empty(db.Assets);
        Assert.Empty(db.RegisterImports);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_known_extension_is_read_and_the_name_kept_without_control_characters(DatabaseProvider provider)
    {
        var host = hosts.For(provider);
        var slug = $"known-{Guid.NewGuid():N}"[..14];
        var org = await host.OrganizationAsync(slug);
        await host.UserAsync($"officer@{slug}.example.jp", org, MemberRole.SecurityOfficer);
        var client = await host.SignedInAsync($"officer@{slug}.example.jp");

        var response = await UploadAsync(client, $"/o/{slug}/assets/import", "台帳\0\t.CSV", Csv);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = host.Database.Open(org.Id);
        Assert.Single(db.Assets);
        Assert.Equal("台帳.CSV", Assert.Single(db.RegisterImports).FileName);
    }

    /// <summary>A multipart body written byte by byte, so that the file name reaches the server exactly as given (HttpClient would refuse or encode some).</summary>
    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string path, string fileName, string content)
    {
        var token = await client.AntiforgeryTokenAsync(path);
        const string Boundary = "----mamori-test-boundary";
        var body = new StringBuilder()
            .Append("--").Append(Boundary).Append("\r\n")
            .Append("Content-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n")
            .Append(token).Append("\r\n")
            .Append("--").Append(Boundary).Append("\r\n")
            .Append("Content-Disposition: form-data; name=\"file\"; filename=\"").Append(fileName).Append("\"\r\n")
            .Append("Content-Type: application/octet-stream\r\n\r\n")
            .Append(content).Append("\r\n")
            .Append("--").Append(Boundary).Append("--\r\n");
        using var request = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToString()));
        request.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Boundary}");
        return await client.PostAsync(path, request);
    }
}
