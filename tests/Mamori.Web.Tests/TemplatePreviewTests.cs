using System.Net;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;

namespace Mamori.Web.Tests;

/// <summary>The preview of a document's text renders its template within limits, and only for those who can edit documents.</summary>
public sealed class Template_preview
{
    [Fact]
    public async Task A_loop_of_a_hundred_million_is_refused_with_a_message_not_rendered()
    {
        using var host = new WebHost();
        var (client, id) = await DocumentAsync(host, MemberRole.SecurityOfficer);

        var response = await client.PostFormAsync($"/o/acme/policy/{id}?handler=PreviewFragment", new() { ["Input.Body"] = "{% for i in (1..100000000) %}x{% endfor %}" }, formPage: $"/o/acme/policy/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.HtmlAsync();
        Assert.Contains("上限", html.QuerySelector(".alert-warning")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("xxx", html.Body!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MemberRole.Auditor)]
    [InlineData(MemberRole.DepartmentManager)]
    public async Task Is_refused_to_a_role_that_cannot_edit_documents(MemberRole role)
    {
        using var host = new WebHost();
        var (client, id) = await DocumentAsync(host, role);

        foreach (var handler in new[] { "Preview", "PreviewFragment" })
        {
            var response = await client.PostFormAsync($"/o/acme/policy/{id}?handler={handler}", new() { ["Input.Body"] = "{{ organization.name }}" }, formPage: $"/o/acme/policy/{id}");
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    private static async Task<(HttpClient Client, Guid Document)> DocumentAsync(WebHost host, MemberRole role)
    {
        var organization = await host.OrganizationAsync("acme");
        await host.UserAsync("someone@example.jp", organization, role);
        await using var db = host.Database.Open(organization.Id);
        var document = new PolicyDocument(organization.Id, DocumentKind.Standard, "1", "基準");
        db.PolicyDocuments.Add(document);
        db.DocumentVersions.Add(new DocumentVersion(organization.Id, document.Id, 1, "{{ organization.name }}", "someone", DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        return (await host.SignedInAsync("someone@example.jp"), document.Id);
    }
}
