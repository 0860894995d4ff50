using Mamori.Domain.Policies;

namespace Mamori.Domain.Tests;

public class A_document_version
{
    private static readonly DateTimeOffset Now = new(2026, 4, 1, 9, 0, 0, TimeSpan.FromHours(9));

    private static DocumentVersion Draft() => new(Guid.NewGuid(), Guid.NewGuid(), 1, "本文", "作成者", Now);

    [Fact]
    public void Goes_from_draft_to_review_to_approved_to_published()
    {
        var version = Draft();

        version.SubmitForReview();
        Assert.Equal(VersionStatus.InReview, version.Status);
        version.Approve("承認者", Now);
        Assert.Equal((VersionStatus.Approved, "承認者"), (version.Status, version.ApprovedBy));
        version.Publish(Now);
        Assert.Equal(VersionStatus.Published, version.Status);
        version.Supersede();
        Assert.Equal(VersionStatus.Superseded, version.Status);
    }

    [Fact]
    public void Cannot_skip_review_or_be_approved_twice()
    {
        var version = Draft();

        Assert.Throws<InvalidOperationException>(() => version.Approve("承認者", Now));
        Assert.Throws<InvalidOperationException>(() => version.Publish(Now));
        version.SubmitForReview();
        version.Approve("承認者", Now);
        Assert.Throws<InvalidOperationException>(() => version.Approve("別の人", Now));
    }

    [Fact]
    public void Can_be_edited_only_as_a_draft()
    {
        var version = Draft();
        version.Edit("新しい本文", "編集者");
        Assert.Equal("新しい本文", version.Body);

        version.SubmitForReview();
        Assert.Throws<InvalidOperationException>(() => version.Edit("こっそり変更", "誰か"));
        version.ReturnToDraft();
        version.Edit("差し戻し後の修正", "編集者");
        Assert.Equal("差し戻し後の修正", version.Body);
    }
}

public class Procedure_audiences
{
    [Theory]
    [InlineData(new[] { Audiences.AllEmployees }, new string[0], true)]
    [InlineData(new[] { Audiences.SystemAdministrators }, new string[0], false)]
    [InlineData(new[] { Audiences.SystemAdministrators }, new[] { Audiences.SystemAdministrators }, true)]
    [InlineData(new[] { Audiences.Executives, Audiences.TeleworkWorkers }, new[] { Audiences.TeleworkWorkers }, true)]
    public void Decide_who_a_procedure_applies_to(string[] procedure, string[] member, bool applies) =>
        Assert.Equal(applies, Audiences.AppliesTo(procedure, member));
}

public class Document_review_dates
{
    [Fact]
    public void Are_due_a_month_ahead_and_overdue_after()
    {
        var document = new PolicyDocument(Guid.NewGuid(), DocumentKind.Standard, "1", "対策基準") { NextReviewOn = new DateOnly(2026, 5, 1) };

        Assert.False(document.IsReviewDue(new DateOnly(2026, 3, 31)));
        Assert.True(document.IsReviewDue(new DateOnly(2026, 4, 1)));
        Assert.False(document.IsReviewOverdue(new DateOnly(2026, 5, 1)));
        Assert.True(document.IsReviewOverdue(new DateOnly(2026, 5, 2)));
    }
}
