using Mamori.Domain;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Features.Policies;
using Mamori.Tests.Persistence;
using Mamori.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Tests.Policies;

/// <summary>Dates are read in the organization's time zone (Asia/Tokyo), not in the server's.</summary>
public class Organization_dates : PersistenceTest
{
    // 16:00 UTC on 3 December is 01:00 on 4 December in Tokyo.
    private static readonly DateTimeOffset AfterMidnightInTokyo = new(2026, 12, 3, 16, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-12-03T14:59:59Z", "2026-12-03")]
    [InlineData("2026-12-03T15:00:00Z", "2026-12-04")]
    [InlineData("2026-12-03T16:00:00Z", "2026-12-04")]
    [InlineData("2026-12-31T15:00:00Z", "2027-01-01")]
    [InlineData("2026-12-04T01:00:00+09:00", "2026-12-04")]
    public void Are_the_dates_of_Tokyo(string instant, string date)
    {
        var organization = new Organization("tokyo", "東京株式会社", Time.GetUtcNow());

        Assert.Equal(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture).LocalDate(organization));
    }

    [Fact]
    public void Today_is_Tokyo_s_day_even_on_a_server_set_to_UTC()
    {
        Time.SetLocalTimeZone(TimeZoneInfo.Utc);
        Time.SetUtcNow(AfterMidnightInTokyo);

        Assert.Equal(new DateOnly(2026, 12, 4), Time.Today(new Organization("tokyo", "東京株式会社", Time.GetUtcNow())));
        Assert.Equal(new DateOnly(2026, 12, 4), Time.Today(null));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Start_the_next_review_from_the_day_of_approval_in_Tokyo(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "review");
        var officer = new Membership(org.Id, Guid.NewGuid().ToString(), MemberRole.SecurityOfficer);
        await using var db = test.Database.Open(org.Id, new Actor("tester", Time));
        var saved = await SaveDocument.HandleAsync(db, officer, null, new SaveDocument.Request { Kind = DocumentKind.Standard, Number = "1", Title = "認証の基準", Body = "{{ document.effective_on }} / {{ today }}" }, "佐藤", Time.GetUtcNow());
        Time.SetLocalTimeZone(TimeZoneInfo.Utc);
        Time.SetUtcNow(AfterMidnightInTokyo);

        await DocumentLifecycle.HandleAsync(db, officer, org, saved.Draft!.Id, DocumentLifecycle.Step.Submit, "佐藤", Time.GetUtcNow());
        await DocumentLifecycle.HandleAsync(db, officer, org, saved.Draft.Id, DocumentLifecycle.Step.Approve, "田中", Time.GetUtcNow());

        var document = await db.PolicyDocuments.AsNoTracking().SingleAsync();
        Assert.Equal(new DateOnly(2027, 12, 4), document.NextReviewOn);
        var rendered = Assert.Single(await RenderPolicy.PolicySetAsync(db, org, Time.Today(org), Language.Japanese, includeDrafts: true));
        Assert.Equal(new DateOnly(2026, 12, 4), rendered.EffectiveOn);
        Assert.Equal([new DateOnly(2026, 12, 4)], rendered.Revisions.Select(r => r.Date));
        Assert.Contains("2026年12月4日 / 2026年12月4日", rendered.Sections[0].Markdown, StringComparison.Ordinal);
    }
}
