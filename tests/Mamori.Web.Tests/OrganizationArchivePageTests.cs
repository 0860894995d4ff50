using System.IO.Compression;
using System.Net;
using Mamori.Domain.Organizations;

namespace Mamori.Web.Tests;

public class The_organization_archives_page
{
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] archive, string slug, bool confirmed)
    {
        var token = await client.AntiforgeryTokenAsync("/orgs/archives");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(archive), "file", "acme.mamori.zip" },
            { new StringContent(slug), "Slug" },
        };
        if (confirmed)
        {
            form.Add(new StringContent("true"), "Confirmed");
        }

        return await client.PostAsync("/orgs/archives?handler=Import", form);
    }

    [Fact]
    public async Task Lets_the_site_administrator_download_an_archive_and_import_it_as_a_copy_after_confirming()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("acme");
        await host.UserAsync("admin@example.jp", org, MemberRole.Administrator, siteAdministrator: true);
        var root = await host.SignedInAsync("admin@example.jp");
        Assert.NotNull((await root.GetHtmlAsync("/orgs")).QuerySelector("a[href='/orgs/archives']"));

        var download = await root.PostFormAsync("/orgs/archives?handler=Export", new() { ["org"] = "acme" }, "/orgs/archives");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/zip", download.Content.Headers.ContentType!.MediaType);
        var archive = await download.Content.ReadAsByteArrayAsync();

        var unconfirmed = await (await UploadAsync(root, archive, "acme-copy", confirmed: false)).HtmlAsync();
        Assert.NotEmpty(unconfirmed.QuerySelector("[data-testid='archive-problems']")!.TextContent.Trim());

        var imported = await (await UploadAsync(root, archive, "acme-copy", confirmed: true)).HtmlAsync();
        Assert.NotNull(imported.QuerySelector("[data-testid='archive-notes']"));
        Assert.Contains("acme-copy", (await root.GetHtmlAsync("/orgs/archives")).Body!.TextContent, StringComparison.Ordinal);

        // One byte of the assets' part changed: refused, the part named on the page.
        using var changed = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read))
        using (var target = new ZipArchive(changed, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var read = entry.Open();
                using var buffer = new MemoryStream();
                read.CopyTo(buffer);
                var bytes = buffer.ToArray();
                if (entry.FullName == "data/Organization.json")
                {
                    bytes[bytes.Length / 2] ^= 0x01;
                }

                using var write = target.CreateEntry(entry.FullName).Open();
                write.Write(bytes);
            }
        }

        var refused = await (await UploadAsync(root, changed.ToArray(), "acme-other", confirmed: true)).HtmlAsync();
        Assert.Contains("data/Organization.json", refused.QuerySelector("[data-testid='archive-problems']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Is_forbidden_to_an_organizations_administrator()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("acme");
        await host.UserAsync("member@example.jp", org, MemberRole.Administrator);
        var member = await host.SignedInAsync("member@example.jp");

        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/orgs/archives")).StatusCode);
    }
}
