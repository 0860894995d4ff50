using Mamori.Catalogs;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Domain.Baseline;
using Mamori.Domain.Organizations;
using Mamori.Domain.Risk;
using Mamori.Domain.Soa;
using Mamori.Features;
using Mamori.Features.Baseline;
using Mamori.Features.Policies;
using Mamori.Features.Quick;
using Mamori.Features.Soa;
using Mamori.Tests.Persistence;
using Mamori.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Tests.Soa;

public class The_statement_of_applicability : PersistenceTest
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Proposes_the_controls_Lv1_and_the_self_diagnosis_cite_and_leaves_the_rest_undecided(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "soa");
        var officer = new Membership(org.Id, Guid.NewGuid().ToString(), MemberRole.SecurityOfficer);
        await using var db = test.Database.Open(org.Id, new Actor("tester", Time));
        await StartPolicySet.HandleAsync(db, org, "佐藤", Language.Japanese, Time.GetUtcNow());
        var quick = GenerateStandards.Generate("ransomware", org, await db.PolicyRoles.ToListAsync(), GenerateStandards.Edits.None, Language.Japanese);
        await AdoptStandards.HandleAsync(db, officer, [quick], "佐藤", Time.GetUtcNow());
        var answers = Enumerable.Range(1, 25).ToDictionary(n => n, n => n == 1 ? DiagnosisAnswer.Partly : DiagnosisAnswer.Done);
        await SelfDiagnosisResults.RecordAsync(db, officer, new("", "佐藤", answers), Time.GetUtcNow());

        var statement = await StatementOfApplicability.BuildAsync(db, org, Language.Japanese);

        Assert.Equal(CatalogSet.Default.Controls.Select(c => c.Id), statement.Rows.Select(r => r.Control.Id));
        Assert.Equal(93, statement.Rows.Count);
        var cited = (await db.PolicyDocuments.ToListAsync()).SelectMany(d => d.ControlIds)
            .Concat(BaselineCatalog.For(Language.Japanese).Items.SelectMany(i => i.ControlIds)).ToHashSet();
        foreach (var row in statement.Rows)
        {
            Assert.Equal(cited.Contains(row.Control.Id), row.IsProposal);
            Assert.Equal(cited.Contains(row.Control.Id) ? Applicability.Applicable : Applicability.Undecided, row.Applicability);
        }

        var patching = statement.Rows.Single(r => r.Control.Id == "8.8");
        Assert.Contains(patching.Sources, s => s.Kind == "diagnosis" && s.Label.StartsWith("1.", StringComparison.Ordinal));
        Assert.Equal(ImplementationStatus.Partial, patching.Status);
        var backup = statement.Rows.Single(r => r.Control.Id == "8.13");
        Assert.Contains(backup.Documents, d => d.Title.Contains("ランサムウェア", StringComparison.Ordinal));
        Assert.Equal(0, statement.Decided);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Requires_a_justification_for_every_decision_and_keeps_status_owner_and_evidence(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "decide");
        var officer = new Membership(org.Id, Guid.NewGuid().ToString(), MemberRole.SecurityOfficer);
        var auditor = new Membership(org.Id, Guid.NewGuid().ToString(), MemberRole.Auditor);
        await using var db = test.Database.Open(org.Id, new Actor("tester", Time));

        var noReasonIn = await DecideControl.HandleAsync(db, officer, org, new("8.13", Applicability.Applicable, " ", ImplementationStatus.Implemented, null, null), "佐藤", Time.GetUtcNow());
        var noReasonOut = await DecideControl.HandleAsync(db, officer, org, new("7.5", Applicability.Excluded, "", ImplementationStatus.NotStarted, null, null), "佐藤", Time.GetUtcNow());
        var notAControl = await DecideControl.HandleAsync(db, officer, org, new("9.1", Applicability.Applicable, "理由", ImplementationStatus.Planned, null, null), "佐藤", Time.GetUtcNow());
        var byAuditor = await DecideControl.HandleAsync(db, auditor, org, new("8.13", Applicability.Applicable, "理由", ImplementationStatus.Planned, null, null), "監査", Time.GetUtcNow());

        Assert.Equal((SaveStatus.Invalid, "Justification"), (noReasonIn.Status, Assert.Single(noReasonIn.Errors).Key));
        Assert.Equal((SaveStatus.Invalid, "Justification"), (noReasonOut.Status, Assert.Single(noReasonOut.Errors).Key));
        Assert.Equal(SaveStatus.NotFound, notAControl.Status);
        Assert.Equal(SaveStatus.Forbidden, byAuditor.Status);
        Assert.Empty(await db.SoaEntries.ToListAsync());

        await DecideControl.HandleAsync(db, officer, org, new("8.13", Applicability.Applicable, "顧客データの消失リスクへの対応", ImplementationStatus.Planned, "システム管理者", null), "佐藤", Time.GetUtcNow());
        await DecideControl.HandleAsync(db, officer, org, new("8.13", Applicability.Applicable, "顧客データの消失リスクへの対応", ImplementationStatus.Implemented, "システム管理者", "バックアップ記録簿 2026年4月分"), "佐藤", Time.GetUtcNow());
        await DecideControl.HandleAsync(db, officer, org, new("7.5", Applicability.Excluded, "自社でサーバ室・設備を持たない", ImplementationStatus.Implemented, null, null), "佐藤", Time.GetUtcNow());

        await using var reopened = test.Database.Open(org.Id);
        var statement = await StatementOfApplicability.BuildAsync(reopened, org, Language.Japanese);
        var backup = statement.Rows.Single(r => r.Control.Id == "8.13");
        Assert.Equal((Applicability.Applicable, ImplementationStatus.Implemented, "システム管理者", "バックアップ記録簿 2026年4月分"), (backup.Applicability, backup.Status, backup.Owner, backup.EvidenceNotes));
        var excluded = statement.Rows.Single(r => r.Control.Id == "7.5");
        Assert.Equal((Applicability.Excluded, ImplementationStatus.NotStarted, "自社でサーバ室・設備を持たない"), (excluded.Applicability, excluded.Status, excluded.Justification));
        Assert.Equal(2, statement.Decided);
        Assert.Contains(statement.Warnings, w => w.Kind == StatementOfApplicability.WarningKind.ApplicableWithoutDocument && w.ControlId == "8.13");

        await DecideControl.HandleAsync(db, officer, org, new("7.5", Applicability.Undecided, null, ImplementationStatus.NotStarted, null, null), "佐藤", Time.GetUtcNow());
        Assert.Equal(["8.13"], await reopened.SoaEntries.Select(e => e.ControlId).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Warns_of_an_excluded_control_a_treatment_relies_on_and_confirms_proposals_with_their_reasons(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "warn");
        await ImportSeedAsync(test.Database, org);
        var officer = new Membership(org.Id, Guid.NewGuid().ToString(), MemberRole.SecurityOfficer);
        await using var db = test.Database.Open(org.Id, new Actor("tester", Time));
        var asset = await db.Assets.FirstAsync();
        var scenario = new RiskScenario(org.Id, asset.Id, "ノートPCの紛失による顧客情報の漏えい") { Treatment = RiskTreatment.Reduce };
        scenario.Controls.Add(new ScenarioControl("8.1", "ディスク暗号化"));
        db.RiskScenarios.Add(scenario);
        await db.SaveChangesAsync();
        await DecideControl.HandleAsync(db, officer, org, new("8.1", Applicability.Excluded, "試しに除外", ImplementationStatus.NotStarted, null, null), "佐藤", Time.GetUtcNow());

        var statement = await StatementOfApplicability.BuildAsync(db, org, Language.Japanese);

        var warning = Assert.Single(statement.Warnings, w => w.Kind == StatementOfApplicability.WarningKind.ExcludedButCitedByRisk);
        Assert.Equal(("8.1", scenario.Id), (warning.ControlId, warning.RiskId));

        await DecideControl.HandleAsync(db, officer, org, new("8.1", Applicability.Undecided, null, ImplementationStatus.NotStarted, null, null), "佐藤", Time.GetUtcNow());
        var confirmed = await DecideControl.ConfirmProposalsAsync(db, officer, org, "佐藤", Time.GetUtcNow(), Language.Japanese);

        Assert.Equal(1, confirmed);
        var entry = await db.SoaEntries.SingleAsync();
        Assert.Equal((Applicability.Applicable, "8.1"), (entry.Applicability, entry.ControlId));
        Assert.Contains("ノートPCの紛失", entry.Justification, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Links_each_control_to_the_treatment_tasks_that_carry_it_out_and_to_no_other_organizations(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "tasks");
        var other = await CreateOrganizationAsync(test.Database, "tasks-other");
        await using (var foreign = test.Database.Open(other.Id, new Actor("tester", Time)))
        {
            foreign.TreatmentTasks.Add(new Domain.Treatments.TreatmentTask(other.Id, "他社のバックアップ作業") { ControlId = "8.13" });
            await foreign.SaveChangesAsync();
        }

        await using var db = test.Database.Open(org.Id, new Actor("tester", Time));
        var backup = new Domain.Treatments.TreatmentTask(org.Id, "NAS のバックアップを外付けディスクにも取る") { ControlId = "8.13", Owner = "田中", DueOn = new DateOnly(2026, 6, 30) };
        db.TreatmentTasks.AddRange(backup, new Domain.Treatments.TreatmentTask(org.Id, "管理策のないタスク"));
        await db.SaveChangesAsync();

        var statement = await StatementOfApplicability.BuildAsync(db, org, Language.Japanese);

        var task = Assert.Single(statement.Rows.Single(r => r.Control.Id == "8.13").Tasks);
        Assert.Equal((backup.Id, "田中", new DateOnly(2026, 6, 30)), (task.Id, task.Owner, task.DueOn));
        Assert.Equal(1, statement.Rows.Sum(r => r.Tasks.Count));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Generates_a_standard_per_applicable_control_and_links_controls_Lv1_already_covers(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "gen");
        var officer = new Membership(org.Id, Guid.NewGuid().ToString(), MemberRole.SecurityOfficer);
        await using var db = test.Database.Open(org.Id, new Actor("tester", Time));
        await StartPolicySet.HandleAsync(db, org, "佐藤", Language.Japanese, Time.GetUtcNow());
        var quick = GenerateStandards.Generate("ransomware", org, await db.PolicyRoles.ToListAsync(), GenerateStandards.Edits.None, Language.Japanese);
        await AdoptStandards.HandleAsync(db, officer, [quick], "佐藤", Time.GetUtcNow());
        Assert.Contains(await db.PolicyDocuments.ToListAsync(), d => d.ControlIds.Contains("8.13"));
        foreach (var control in new[] { "8.13", "7.5" })
        {
            await DecideControl.HandleAsync(db, officer, org, new(control, Applicability.Applicable, "必要", ImplementationStatus.Planned, null, null), "佐藤", Time.GetUtcNow());
        }

        var first = await GenerateControlStandards.HandleAsync(db, officer, org, "佐藤", Time.GetUtcNow(), Language.Japanese);
        var second = await GenerateControlStandards.HandleAsync(db, officer, org, "佐藤", Time.GetUtcNow(), Language.Japanese);

        Assert.Equal(["8.13"], first!.Linked);
        var created = Assert.Single(first.Created);
        Assert.Equal(("A.7.5", "物理的及び環境的脅威からの保護"), (created.Number, created.Title));
        Assert.Equal(created.Id, Assert.Single(second!.Created).Id);
        Assert.Single(await db.PolicyDocuments.Where(d => d.SourceKey == "soa:7.5").ToListAsync());
        var version = await db.DocumentVersions.Where(v => v.DocumentId == created.Id).OrderByDescending(v => v.Number).FirstAsync();
        Assert.StartsWith("**管理策**: A.7.5 ", version.Body, StringComparison.Ordinal);
        // Stored with the role and rule value placeholders, so later changes reach the draft; filled whenever it is read.
        Assert.Contains("{{ roles.", version.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("{{ baseline.", version.Body, StringComparison.Ordinal);
        var read = RenderPolicy.Fill(version.Body, org, await db.PolicyRoles.ToListAsync(), created, version, Time.Today(org), Language.Japanese);
        Assert.Empty(read.Unknown);
        Assert.DoesNotContain("{{", read.Text, StringComparison.Ordinal);
        var statement = await StatementOfApplicability.BuildAsync(db, org, Language.Japanese);
        Assert.DoesNotContain(statement.Warnings, w => w.Kind == StatementOfApplicability.WarningKind.ApplicableWithoutDocument);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_readiness_report_counts_decisions_and_names_untreated_risks_and_unapproved_documents(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "ready");
        await ImportSeedAsync(test.Database, org);
        var officer = new Membership(org.Id, Guid.NewGuid().ToString(), MemberRole.SecurityOfficer);
        await using var db = test.Database.Open(org.Id, new Actor("tester", Time));
        await StartPolicySet.HandleAsync(db, org, "佐藤", Language.Japanese, Time.GetUtcNow());
        db.RiskScenarios.Add(new RiskScenario(org.Id, (await db.Assets.FirstAsync()).Id, "USBメモリの紛失"));
        await db.SaveChangesAsync();
        await DecideControl.HandleAsync(db, officer, org, new("8.13", Applicability.Applicable, "必要", ImplementationStatus.Implemented, null, null), "佐藤", Time.GetUtcNow());
        await DecideControl.HandleAsync(db, officer, org, new("7.5", Applicability.Excluded, "設備なし", ImplementationStatus.NotStarted, null, null), "佐藤", Time.GetUtcNow());
        var statement = await StatementOfApplicability.BuildAsync(db, org, Language.Japanese);

        var report = await IsmsReadiness.BuildAsync(db, statement, DateOnly.FromDateTime(Time.GetLocalNow().Date));

        Assert.Equal((93, 2, 1), (report.Controls, report.Decided, report.Excluded));
        Assert.Equal(1, report.ApplicableByStatus[ImplementationStatus.Implemented]);
        Assert.Equal(["USBメモリの紛失"], report.UntreatedRisks);
        Assert.Single(report.UnapprovedDocuments);
        using var buffer = new MemoryStream();
        Mamori.Documents.Docx.PolicyDocx.Write(buffer, [IsmsReadiness.Render(report, org, DateOnly.FromDateTime(Time.GetLocalNow().Date), Language.Japanese)]);
        buffer.Position = 0;
        using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(buffer, false);
        var text = document.MainDocumentPart!.Document.Body!.InnerText;
        Assert.Contains("2 / 93", text, StringComparison.Ordinal);
        Assert.Contains("USBメモリの紛失", text, StringComparison.Ordinal);
    }
}
