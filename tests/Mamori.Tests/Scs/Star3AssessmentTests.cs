using System.IO.Compression;
using Mamori.Catalogs;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Domain.Baseline;
using Mamori.Domain.Organizations;
using Mamori.Domain.Scs;
using Mamori.Features;
using Mamori.Features.Audit;
using Mamori.Features.Baseline;
using Mamori.Features.Policies;
using Mamori.Features.Scs;
using Mamori.Tests.Persistence;
using Mamori.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Tests.Scs;

public class The_star3_assessment : PersistenceTest
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Proposes_answers_from_adopted_chapters_and_the_self_diagnosis_with_their_grounds_and_answers_nothing_until_confirmed(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var (org, officer) = await StartedAsync(test.Database, "scs-propose");
        await using var db = Open(test.Database, org);
        await AdoptRules.HandleAsync(db, officer, org, "佐藤", Time.GetUtcNow(), Language.Japanese);
        var answers = Enumerable.Range(1, 25).ToDictionary(n => n, n => n == 3 ? DiagnosisAnswer.Done : DiagnosisAnswer.Partly);
        await SelfDiagnosisResults.RecordAsync(db, officer, new("", "佐藤", answers), Time.GetUtcNow());

        var before = await Star3Assessment.BuildAsync(db, org, 2026, Today, Language.Japanese);

        Assert.Null(before.Assessment);
        Assert.Equal(ScsCatalog.Default.CriteriaOf(3).Select(c => c.Id), before.Rows.Select(r => r.Criterion.Id));
        Assert.Equal(81, before.Rows.Count);
        var password = before.Rows.Single(r => r.Criterion.Id == "4-1-3-4");
        Assert.True(password.IsProposal);
        Assert.Equal(ScsAnswerStatus.Met, password.Status);
        var chapter = await db.PolicyDocuments.SingleAsync(d => d.SourceKey == "baseline:access-control");
        Assert.Contains(password.Grounds, g => g.Kind == "document" && g.Link == $"document:{chapter.Id}" && g.Label.Contains(chapter.Title, StringComparison.Ordinal));
        Assert.Contains(password.Grounds, g => g.Kind == "diagnosis" && g.Label.StartsWith("自社診断 3.", StringComparison.Ordinal));
        Assert.Contains(password.Grounds, g => g.Kind == "rule");
        Assert.Equal(0, before.Answered);

        var (started, assessment) = await StartAssessment.HandleAsync(db, officer, org, "佐藤", Time.GetUtcNow(), Today);
        Assert.Equal((SaveStatus.Saved, 2026), (started, assessment!.Year));
        Assert.Empty(await db.ScsAnswers.ToListAsync());

        Assert.Equal(1, await AnswerCriterion.ConfirmProposalsAsync(db, officer, org, 2026, ["4-1-3-4"], "佐藤", Time.GetUtcNow(), Today, Language.Japanese));
        var answer = await db.ScsAnswers.AsNoTracking().SingleAsync();
        Assert.Equal((ScsAnswerStatus.Met, "佐藤"), (answer.Status, answer.AnsweredBy));
        Assert.Contains(chapter.Title, answer.Source, StringComparison.Ordinal);
        Assert.Contains($"document:{chapter.Id}", answer.Links);

        var sheet = await Star3Assessment.BuildAsync(db, org, 2026, Today, Language.Japanese);
        var rest = await AnswerCriterion.ConfirmProposalsAsync(db, officer, org, 2026, null, "佐藤", Time.GetUtcNow(), Today, Language.Japanese);
        Assert.Equal(sheet.Proposals, rest);
        var after = await Star3Assessment.BuildAsync(db, org, 2026, Today, Language.Japanese);
        Assert.Equal(0, after.Proposals);
        Assert.Equal(sheet.Proposals + 1, after.Answered);
        Assert.Equal(after.Answered, after.Progress.Sum(p => p.Answered));
        Assert.True((await VerifyAuditLog.HandleAsync(db)).Intact);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Requires_a_reason_for_not_applicable_and_lets_only_editors_answer(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var (org, officer) = await StartedAsync(test.Database, "scs-answer");
        var expert = new Membership(org.Id, "expert", MemberRole.Expert);
        var auditor = new Membership(org.Id, "auditor", MemberRole.Auditor);
        await using var db = Open(test.Database, org);
        Task<(SaveStatus Status, IReadOnlyDictionary<string, List<string>> Errors)> Answer(Membership who, AnswerCriterion.Request request) =>
            AnswerCriterion.HandleAsync(db, who, org, 2026, request, who.UserId, Time.GetUtcNow(), Today, Language.Japanese);

        Assert.Equal(SaveStatus.NotFound, (await Answer(officer, new("7-1-1-1", ScsAnswerStatus.Met, null, null, null))).Status);
        Assert.Equal(SaveStatus.Forbidden, (await StartAssessment.HandleAsync(db, expert, org, "expert", Time.GetUtcNow(), Today)).Status);
        await StartAssessment.HandleAsync(db, officer, org, "佐藤", Time.GetUtcNow(), Today);

        var noReason = await Answer(officer, new("7-1-1-1", ScsAnswerStatus.NotApplicable, " ", null, null));
        var unknownLink = await Answer(officer, new("7-1-1-1", ScsAnswerStatus.Met, null, null, [$"document:{Guid.NewGuid()}"]));
        Assert.Equal((SaveStatus.Invalid, "Reason"), (noReason.Status, Assert.Single(noReason.Errors).Key));
        Assert.Equal((SaveStatus.Invalid, "Links"), (unknownLink.Status, Assert.Single(unknownLink.Errors).Key));
        Assert.Equal(SaveStatus.NotFound, (await Answer(officer, new("9-9-9-9", ScsAnswerStatus.Met, null, null, null))).Status);
        Assert.Equal(SaveStatus.Forbidden, (await Answer(expert, new("7-1-1-1", ScsAnswerStatus.Met, null, null, null))).Status);
        Assert.Equal(SaveStatus.Forbidden, (await Answer(auditor, new("7-1-1-1", ScsAnswerStatus.Met, null, null, null))).Status);
        Assert.Null(await AnswerCriterion.ConfirmProposalsAsync(db, expert, org, 2026, null, "expert", Time.GetUtcNow(), Today, Language.Japanese));
        Assert.Empty(await db.ScsAnswers.ToListAsync());

        var saved = await Answer(officer, new("7-1-1-1", ScsAnswerStatus.NotApplicable, "業務を止めるシステムを持たない", "年1回見直す", [Star3Assessment.AssetsRegister]));
        Assert.Equal(SaveStatus.Saved, saved.Status);
        await Answer(officer, new("6-1-1-5", ScsAnswerStatus.Met, "残らない理由", null, null));
        await using var reopened = Open(test.Database, org);
        var sheet = await Star3Assessment.BuildAsync(reopened, org, 2026, Today, Language.Japanese);
        var row = sheet.Rows.Single(r => r.Criterion.Id == "7-1-1-1");
        Assert.Equal((ScsAnswerStatus.NotApplicable, "業務を止めるシステムを持たない", "年1回見直す", false, ""), (row.Status, row.Reason, row.Note, row.IsProposal, row.Answer!.Source));
        Assert.Equal([(Star3Assessment.AssetsRegister, "情報資産管理台帳")], sheet.LinksOf(row));
        Assert.Equal("", sheet.Rows.Single(r => r.Criterion.Id == "6-1-1-5").Reason);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Moves_the_review_from_request_to_confirmation_in_order_each_side_taking_its_own_steps(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var (org, officer) = await StartedAsync(test.Database, "scs-review");
        var expert = new Membership(org.Id, "expert", MemberRole.Expert);
        var employee = new Membership(org.Id, "employee", MemberRole.Employee);
        await using var db = Open(test.Database, org);
        await StartAssessment.HandleAsync(db, officer, org, "佐藤", Time.GetUtcNow(), Today);
        await AnswerCriterion.HandleAsync(db, officer, org, 2026, new("1-3-1-1", ScsAnswerStatus.Met, null, null, null), "佐藤", Time.GetUtcNow(), Today, Language.Japanese);
        async Task<SaveStatus> Step(Membership who, string criterion, ScsReviewState state, string? text)
        {
            Time.Advance(TimeSpan.FromMinutes(1));
            return (await ReviewCriterion.HandleAsync(db, who, org, 2026, new(criterion, state, text), who.UserId, Time.GetUtcNow())).Status;
        }

        Assert.Equal(SaveStatus.Invalid, await Step(expert, "1-3-1-1", ScsReviewState.Confirmed, null));
        Assert.Equal(SaveStatus.Forbidden, await Step(employee, "1-3-1-1", ScsReviewState.Requested, null));
        Assert.Equal(1, await ReviewCriterion.RequestAllAsync(db, officer, org, 2026, "佐藤", Time.GetUtcNow()));
        Assert.Equal(SaveStatus.Invalid, await Step(officer, "1-3-1-1", ScsReviewState.Confirmed, "自分で確認"));
        Assert.Equal(SaveStatus.Invalid, await Step(expert, "1-3-1-1", ScsReviewState.Raised, ""));
        Assert.Equal(SaveStatus.Saved, await Step(expert, "1-3-1-1", ScsReviewState.Raised, "公開日が書かれていません"));
        Assert.Equal(SaveStatus.Saved, await Step(officer, "1-3-1-1", ScsReviewState.Addressed, "公開日を追記しました"));
        Assert.Equal(SaveStatus.Saved, await Step(expert, "1-3-1-1", ScsReviewState.Confirmed, null));
        Assert.Equal(SaveStatus.Forbidden, await Step(officer, "", ScsReviewState.Confirmed, "社内で確認"));
        Assert.Equal(SaveStatus.Invalid, await Step(expert, "", ScsReviewState.Confirmed, ""));
        Assert.Equal(SaveStatus.Saved, await Step(expert, "", ScsReviewState.Confirmed, "★3 の水準に達していると判断します"));

        var sheet = await Star3Assessment.BuildAsync(db, org, 2026, Today, Language.Japanese);
        var row = sheet.Rows.Single(r => r.Criterion.Id == "1-3-1-1");
        Assert.Equal([ScsReviewState.Requested, ScsReviewState.Raised, ScsReviewState.Addressed, ScsReviewState.Confirmed], row.Review.Select(n => n.State));
        Assert.Equal(["佐藤", "expert", "佐藤", "expert"], row.Review.Select(n => n.WrittenBy));
        Assert.Equal((ScsReviewState.Confirmed, 1, true), (row.ReviewState, sheet.Confirmed, sheet.IsConfirmedByExpert));
        Assert.Equal(ScsAnswerStatus.Met, row.Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Turns_a_gap_into_one_task_and_keeps_yearly_checks_recurring_with_who_found_what(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var (org, officer) = await StartedAsync(test.Database, "scs-gaps");
        var expert = new Membership(org.Id, "expert", MemberRole.Expert);
        await using var db = Open(test.Database, org);
        await StartAssessment.HandleAsync(db, officer, org, "佐藤", Time.GetUtcNow(), Today);

        var yearly = ScsCatalog.Default.CriteriaOf(3).Where(c => c.Yearly).Select(c => c.Id).Order().ToList();
        var checks = await db.ScsYearlyChecks.AsNoTracking().ToListAsync();
        Assert.Equal(yearly, checks.Select(c => c.CriterionId).Order());
        Assert.All(checks, c => Assert.Equal(new DateOnly(2027, 3, 31), c.DueOn));

        Assert.Equal(SaveStatus.Forbidden, (await CreateGapTask.HandleAsync(db, expert, org, 2026, "4-3-4-2", "expert", Time.GetUtcNow(), Language.Japanese)).Status);
        var (status, task) = await CreateGapTask.HandleAsync(db, officer, org, 2026, "4-3-4-2", "佐藤", Time.GetUtcNow(), Language.Japanese);
        var again = await CreateGapTask.HandleAsync(db, officer, org, 2026, "4-3-4-2", "佐藤", Time.GetUtcNow(), Language.Japanese);
        Assert.Equal(SaveStatus.Saved, status);
        Assert.Equal(task!.Id, again.Task!.Id);
        Assert.StartsWith("★3 4-3-4-2", task.Title, StringComparison.Ordinal);
        Assert.Equal(ScsCatalog.Default.Find("4-3-4-2")!.AnnexA[0], task.ControlId);
        Assert.Single(await db.TreatmentTasks.ToListAsync());
        var gap = (await Star3Assessment.BuildAsync(db, org, 2026, Today, Language.Japanese)).Rows.Single(r => r.Criterion.Id == "4-3-4-2");
        Assert.Equal((true, task.Id, ScsAnswerStatus.Unanswered), (gap.IsGap, gap.Task!.Id, gap.Status));

        var check = checks.Single(c => c.CriterionId == "1-2-1-3");
        Assert.Equal(SaveStatus.Invalid, (await YearlyChecks.CompleteAsync(db, officer, org, check.Id, " ", "佐藤", Time.GetUtcNow(), Today)).Status);
        Assert.Equal(SaveStatus.Forbidden, (await YearlyChecks.CompleteAsync(db, expert, org, check.Id, "確認", "expert", Time.GetUtcNow(), Today)).Status);
        Time.Advance(TimeSpan.FromDays(30));
        Assert.Equal(SaveStatus.Saved, (await YearlyChecks.CompleteAsync(db, officer, org, check.Id, "連絡先一覧の電話番号を1件更新", "佐藤", Time.GetUtcNow(), Today)).Status);
        Assert.Equal(SaveStatus.Invalid, (await YearlyChecks.CompleteAsync(db, officer, org, check.Id, "二度目", "佐藤", Time.GetUtcNow(), Today)).Status);

        var list = await YearlyChecks.ListAsync(db);
        var done = list.Single(i => i.Check.Id == check.Id).Check;
        Assert.Equal(("佐藤", "連絡先一覧の電話番号を1件更新", Time.GetUtcNow()), (done.CompletedBy, done.Findings, done.CompletedAt!.Value));
        Assert.Equal(new DateOnly(2028, 3, 31), list.Single(i => i.Check.CriterionId == "1-2-1-3" && i.Check.CompletedAt is null).Check.DueOn);
        Assert.Empty(await YearlyChecks.DueAsync(db, Today, 60));
        var nextApril = await YearlyChecks.DueAsync(db, new DateOnly(2027, 4, 1), 0);
        Assert.Equal(yearly.Count - 1, nextApril.Count);
        Assert.All(nextApril, i => Assert.True(i.IsOverdue(new DateOnly(2027, 4, 1))));
        var proposal = (await Star3Assessment.BuildAsync(db, org, 2026, Today, Language.Japanese)).Rows.Single(r => r.Criterion.Id == "1-2-1-3");
        Assert.Contains(proposal.Grounds, g => g.Kind == "check");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Keeps_each_year_apart_and_proposes_last_years_answer_where_nothing_else_does(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "scs-years");
        var officer = new Membership(org.Id, "officer", MemberRole.SecurityOfficer);
        await using var db = Open(test.Database, org);
        await StartAssessment.HandleAsync(db, officer, org, "佐藤", Time.GetUtcNow(), Today);
        await AnswerCriterion.HandleAsync(db, officer, org, 2026, new("5-1-1-1", ScsAnswerStatus.NotMet, null, "UTM 導入前", null), "佐藤", Time.GetUtcNow(), Today, Language.Japanese);
        Assert.Equal(0, (await Star3Assessment.BuildAsync(db, org, 2026, Today, Language.Japanese)).Proposals);

        Time.Advance(TimeSpan.FromDays(366));
        var (_, next) = await StartAssessment.HandleAsync(db, officer, org, "佐藤", Time.GetUtcNow(), Today);
        var (_, same) = await StartAssessment.HandleAsync(db, officer, org, "佐藤", Time.GetUtcNow(), Today);

        Assert.Equal((2027, next!.Id), (same!.Year, same.Id));
        var thisYear = await Star3Assessment.BuildAsync(db, org, 2027, Today, Language.Japanese);
        Assert.Equal([2027, 2026], thisYear.Years);
        var carried = thisYear.Rows.Single(r => r.Criterion.Id == "5-1-1-1");
        Assert.Equal((true, ScsAnswerStatus.NotMet), (carried.IsProposal, carried.Status));
        Assert.Equal(["previous"], carried.Grounds.Select(g => g.Kind));
        var lastYear = await Star3Assessment.BuildAsync(db, org, 2026, Today, Language.Japanese);
        Assert.Equal(("UTM 導入前", false), (lastYear.Rows.Single(r => r.Criterion.Id == "5-1-1-1").Note, lastYear.Rows.Single(r => r.Criterion.Id == "5-1-1-1").IsProposal));
        Assert.Equal(8, await db.ScsYearlyChecks.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Another_organizations_assessment_evidence_and_checks_are_out_of_reach(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var (mine, officer) = await StartedAsync(test.Database, "scs-mine");
        var other = await CreateOrganizationAsync(test.Database, "scs-other");
        var otherOfficer = new Membership(other.Id, "other", MemberRole.SecurityOfficer);
        Guid fileId;
        Guid checkId;
        await using (var db = Open(test.Database, mine))
        {
            await StartAssessment.HandleAsync(db, officer, mine, "佐藤", Time.GetUtcNow(), Today);
            await AnswerCriterion.HandleAsync(db, officer, mine, 2026, new("1-3-1-1", ScsAnswerStatus.Met, null, "秘密のメモ", null), "佐藤", Time.GetUtcNow(), Today, Language.Japanese);
            var (file, problem) = await ScsEvidence.AttachAsync(db, officer, mine, 2026, "1-3-1-1", "方針.txt", "基本方針"u8.ToArray(), "佐藤", Time.GetUtcNow());
            Assert.Null(problem);
            fileId = file!.Id;
            checkId = (await db.ScsYearlyChecks.FirstAsync()).Id;
        }

        await using var theirs = Open(test.Database, other);
        var sheet = await Star3Assessment.BuildAsync(theirs, other, 2026, Today, Language.Japanese);
        Assert.Null(sheet.Assessment);
        Assert.Empty(sheet.Years);
        Assert.All(sheet.Rows, r => Assert.Null(r.Answer));
        Assert.Equal(SaveStatus.NotFound, (await AnswerCriterion.HandleAsync(theirs, otherOfficer, other, 2026, new("1-3-1-1", ScsAnswerStatus.NotMet, null, null, null), "other", Time.GetUtcNow(), Today, Language.Japanese)).Status);
        Assert.Null(await ScsEvidence.FindAsync(theirs, 2026, "1-3-1-1", fileId));
        Assert.Equal(SaveStatus.NotFound, await ScsEvidence.RemoveAsync(theirs, otherOfficer, 2026, "1-3-1-1", fileId));
        Assert.Equal(SaveStatus.NotFound, (await YearlyChecks.CompleteAsync(theirs, otherOfficer, other, checkId, "見つけた", "other", Time.GetUtcNow(), Today)).Status);
        Assert.Empty(await YearlyChecks.ListAsync(theirs));

        await using var again = Open(test.Database, mine);
        Assert.NotNull(await ScsEvidence.FindAsync(again, 2026, "1-3-1-1", fileId));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Confirming_every_proposal_leaves_nothing_behind_when_the_commit_fails(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var (org, officer) = await StartedAsync(test.Database, "scs-atomic");
        await using (var db = Open(test.Database, org))
        {
            await AdoptRules.HandleAsync(db, officer, org, "佐藤", Time.GetUtcNow(), Language.Japanese);
            await StartAssessment.HandleAsync(db, officer, org, "佐藤", Time.GetUtcNow(), Today);
        }

        // The audit entries are written after every answer, in the same transaction.
        var failure = new FailingCommand("INSERT INTO \"AuditEntries\"");
        var failing = new MamoriDatabase(test.Database.Options with { Interceptors = [failure] });
        await using (var db = Open(failing, org))
        {
            var thrown = await Record.ExceptionAsync(() => AnswerCriterion.ConfirmProposalsAsync(db, officer, org, 2026, null, "佐藤", Time.GetUtcNow(), Today, Language.Japanese));
            Assert.True(InjectedFailure.IsIn(thrown), $"Expected the injected failure, got {thrown}");
        }

        Assert.True(failure.Failed);
        await using var check = Open(test.Database, org);
        Assert.Empty(await check.ScsAnswers.ToListAsync());
        Assert.True((await VerifyAuditLog.HandleAsync(check)).Intact);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Exports_the_answers_as_a_workbook_and_a_document_and_the_pledge_with_the_representative_and_the_experts_confirmation(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var (org, officer) = await StartedAsync(test.Database, "scs-export");
        var expert = new Membership(org.Id, "expert", MemberRole.Expert);
        await using var db = Open(test.Database, org);
        await StartAssessment.HandleAsync(db, officer, org, "佐藤", Time.GetUtcNow(), Today);
        await AnswerCriterion.HandleAsync(db, officer, org, 2026, new("4-1-3-4", ScsAnswerStatus.Partial, null, "一部の機器が 6 文字", null), "佐藤", Time.GetUtcNow(), Today, Language.Japanese);
        Assert.Equal(SaveStatus.Invalid, (await SaveRepresentative.HandleAsync(db, officer, 2026, new("代表取締役", " "))).Status);
        Assert.Equal(SaveStatus.Forbidden, (await SaveRepresentative.HandleAsync(db, expert, 2026, new("代表取締役", "山田 太郎"))).Status);
        await SaveRepresentative.HandleAsync(db, officer, 2026, new("代表取締役", "山田 太郎"));

        var unconfirmed = Text(Star3Export.Pledge(await Star3Assessment.BuildAsync(db, org, 2026, Today, Language.Japanese), org, Today, Language.Japanese));
        Assert.Contains("まだ済んでいません", unconfirmed, StringComparison.Ordinal);
        Time.Advance(TimeSpan.FromMinutes(1));
        await ReviewCriterion.HandleAsync(db, expert, org, 2026, new("", ScsReviewState.Confirmed, "水準を満たしています"), "鈴木 支援士", Time.GetUtcNow());
        var sheet = await Star3Assessment.BuildAsync(db, org, 2026, Today, Language.Japanese);

        using var workbook = new MemoryStream();
        await Star3Export.WorkbookAsync(workbook, sheet, Language.Japanese);
        var sheetXml = Part(workbook, "xl/worksheets/sheet1.xml");
        Assert.Contains("4-1-3-4", sheetXml, StringComparison.Ordinal);
        Assert.Contains("一部の機器が 6 文字", sheetXml, StringComparison.Ordinal);
        Assert.Contains("一部実施している", sheetXml, StringComparison.Ordinal);

        var document = Text(Star3Export.Document(sheet, org, Today, Language.Japanese));
        Assert.Contains("★3 自己評価結果", document, StringComparison.Ordinal);
        Assert.Contains("水準を満たしています", document, StringComparison.Ordinal);

        var pledge = Star3Export.Pledge(sheet, org, Today, Language.English);
        Assert.Equal(("Declaration of self-conformity", "代表取締役 山田 太郎"), (pledge.Title, pledge.Approver));
        var text = Text(pledge);
        Assert.Contains("鈴木 支援士", text, StringComparison.Ordinal);
        Assert.Contains("FY2026", text, StringComparison.Ordinal);
        using var docx = new MemoryStream();
        Mamori.Documents.Docx.PolicyDocx.Write(docx, [pledge]);
        Assert.Contains("山田 太郎", Part(docx, "word/document.xml"), StringComparison.Ordinal);
    }

    private DateOnly Today => Time.Today(null);

    private static string Text(Mamori.Documents.RenderedDocument document) =>
        document.Title + "\n" + string.Join("\n", document.Sections.Select(s => s.Heading + "\n" + s.Markdown));

    private static string Part(MemoryStream zip, string name)
    {
        zip.Position = 0;
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        using var reader = new StreamReader(archive.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    private MamoriDb Open(MamoriDatabase database, Organization org) => database.Open(org.Id, new Actor("tester", Time));

    private async Task<(Organization, Membership)> StartedAsync(MamoriDatabase database, string slug)
    {
        var org = await CreateOrganizationAsync(database, slug);
        await using var db = Open(database, org);
        await StartPolicySet.HandleAsync(db, org, "佐藤", Language.Japanese, Time.GetUtcNow());
        return (org, new Membership(org.Id, "佐藤", MemberRole.SecurityOfficer));
    }
}
