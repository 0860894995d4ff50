using Mamori.Domain;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Features.Policies;

namespace Mamori.Tests.Policies;

/// <summary>A document's template is rendered within bounds; past one it is refused with a message and returned as written.</summary>
public class Template_limits
{
    private static readonly string Hundred = new('x', 100);

    public static TheoryData<string> OverLimit() => new(
    [
        "{% for i in (1..100000000) %}x{% endfor %}",
        "{% assign n = 100000000 %}{% for i in (1..n) %}x{% endfor %}",
        "{{ (1..100000000) | size }}",
        "{% for i in (1..10000) %}{% for j in (1..10000) %}{% endfor %}{% endfor %}",
        "{% assign s = 'xxxxxxxxxx' %}{% for i in (1..30) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}",
        "{% capture c %}{% for i in (1..15000) %}" + Hundred + "{% endfor %}{% endcapture %}{{ c | size }}",
        "{% for i in (1..15000) %}" + Hundred + "{% endfor %}",
    ]);

    [Theory]
    [MemberData(nameof(OverLimit))]
    public void A_template_past_a_bound_is_refused_with_a_message_and_not_rendered(string template)
    {
        var (filled, (text, unfilled)) = (Fill(template), RenderPolicy.FillTemplate(template, Organization, [], Language.Japanese));

        Assert.True(filled.OverLimit);
        Assert.Contains("上限", filled.Error, StringComparison.Ordinal);
        Assert.Equal(template, filled.Text);
        Assert.Equal(template, text);
        Assert.Contains(unfilled, u => u.Contains("上限", StringComparison.Ordinal));
    }

    [Fact]
    public void Loops_and_filters_within_the_bounds_still_render()
    {
        var filled = Fill("{% for i in (1..3) %}{{ i }}{% endfor %} {{ organization.name | append: '様' }}");

        Assert.Null(filled.Error);
        Assert.Equal("123 X社様", filled.Text);
    }

    [Fact]
    public void The_message_is_in_the_reader_s_language()
    {
        var filled = RenderPolicy.Fill("{% for i in (1..100000000) %}x{% endfor %}", Organization, [], Document, Version, new DateOnly(2026, 12, 3), Language.English);

        Assert.Contains("limits", filled.Error, StringComparison.Ordinal);
    }

    private static readonly Organization Organization = new("x1", "X社", DateTimeOffset.UnixEpoch);
    private static readonly PolicyDocument Document = new(Organization.Id, DocumentKind.Standard, "1", "基準");
    private static readonly DocumentVersion Version = new(Organization.Id, Document.Id, 1, "", "a", DateTimeOffset.UnixEpoch);

    private static RenderPolicy.Filled Fill(string template) =>
        RenderPolicy.Fill(template, Organization, [], Document, Version, new DateOnly(2026, 12, 3), Language.Japanese);
}
