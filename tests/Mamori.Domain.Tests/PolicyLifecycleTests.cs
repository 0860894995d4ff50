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

public class The_self_diagnosis_score
{
    [Fact]
    public void All_done_is_one_hundred_and_complete() =>
        Assert.Equal((100, Baseline.DiagnosisBand.Complete), Score(Enumerable.Repeat(Baseline.DiagnosisAnswer.Done, 25)));

    [Fact]
    public void All_not_done_is_zero() =>
        Assert.Equal((0, Baseline.DiagnosisBand.Danger), Score(Enumerable.Repeat(Baseline.DiagnosisAnswer.NotDone, 25)));

    [Fact]
    public void Not_knowing_counts_minus_one() =>
        Assert.Equal(95, Baseline.DiagnosisScore.Of([.. Enumerable.Repeat(Baseline.DiagnosisAnswer.Done, 24), Baseline.DiagnosisAnswer.Unknown]));

    [Theory]
    [InlineData(100, Baseline.DiagnosisBand.Complete)]
    [InlineData(99, Baseline.DiagnosisBand.Partial)]
    [InlineData(70, Baseline.DiagnosisBand.Partial)]
    [InlineData(69, Baseline.DiagnosisBand.Insufficient)]
    [InlineData(50, Baseline.DiagnosisBand.Insufficient)]
    [InlineData(49, Baseline.DiagnosisBand.Danger)]
    [InlineData(-25, Baseline.DiagnosisBand.Danger)]
    public void Bands_have_their_edges(int score, Baseline.DiagnosisBand band) =>
        Assert.Equal(band, Baseline.DiagnosisScore.BandOf(score));

    [Fact]
    public void Departments_combine_to_the_weakest_answer()
    {
        Assert.Equal(Baseline.DiagnosisAnswer.Partly, Baseline.DiagnosisScore.Combine([Baseline.DiagnosisAnswer.Done, Baseline.DiagnosisAnswer.Partly]));
        Assert.Equal(Baseline.DiagnosisAnswer.Unknown, Baseline.DiagnosisScore.Combine([Baseline.DiagnosisAnswer.Done, Baseline.DiagnosisAnswer.Unknown]));
    }

    private static (int, Baseline.DiagnosisBand) Score(IEnumerable<Baseline.DiagnosisAnswer> answers)
    {
        var score = Baseline.DiagnosisScore.Of(answers);
        return (score, Baseline.DiagnosisScore.BandOf(score));
    }
}
