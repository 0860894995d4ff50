using Mamori.Accounts;
using Mamori.Catalogs;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Domain.Baseline;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Features.Baseline;
using Mamori.Features.GettingStarted;
using Mamori.Features.Policies;
using Mamori.Features.Quick;
using Mamori.Features.Soa;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Organizations;

/// <summary>
/// The seminar's journey, walked for the demo organization through the same use cases a user
/// runs, so every row is written and audited as theirs would be: the four-role table filled and
/// the 基本方針 published; Lv.1, the ransomware and insider-fraud standards (and those of the other
/// threats Lv.1 ranks first) with their procedures, adopted and published; the 自社診断 answered by two departments; the Lv.2 chapters tailored,
/// adopted, approved and published; the SoA proposals confirmed; four employees, who have all read the 5か条
/// and some of the other procedures that apply to them. It writes on the caller's context and in its
/// transaction, and fails (throws) at the first step that does not succeed, so nothing is kept.
/// </summary>
internal static class DemoJourney
{
    /// <summary>Who drafts the documents (総務部の担当者) and who approves them (the 情報セキュリティ責任者).</summary>
    private const string Author = "総務部 佐藤";
    private const string Approver = "代表取締役 山田";

    /// <summary>The seminar's Lv.1 topics: its ransomware standard and its 内部不正 case.</summary>
    private static readonly string[] QuickTopics = ["ransomware", "insider"];

    /// <summary>Who holds each of the seminar's four roles at デモ商事.</summary>
    private static readonly Dictionary<string, string> Holders = new(StringComparer.Ordinal)
    {
        ["security_officer"] = "代表取締役 山田",
        ["department_security_manager"] = "営業部長、経理部長、人事部長、総務部長",
        ["system_administrator"] = "総務部 鈴木（保守委託先と連携）",
        ["education_officer"] = "人事部長",
    };

    /// <summary>
    /// Two departments' answers to the 25 items (D 実施している, P 一部実施している, N 実施していない,
    /// U わからない): 営業部 carries laptops and mails customers, 総務部 runs the office and the IT.
    /// </summary>
    private static readonly (string Department, string Respondent, string Answers)[] Diagnosis =
    [
        ("営業部", "営業部長 田中", "DDPDPDDPNDDPDDPDNDDPUDPDP"),
        ("総務部", "総務部 鈴木", "DDDDDPDDPDDDDPDDPDDDPDDDD"),
    ];

    /// <summary>Every procedure that applies to the member, in document order.</summary>
    private const int All = int.MaxValue;

    /// <summary>
    /// The people of デモ商事 besides the loader, and how many of the published procedures that apply to
    /// them (in document order) they have acknowledged. They cannot sign in: an account has no password,
    /// is locked out for good, and has an address under .invalid (RFC 2606), which never receives mail.
    /// </summary>
    private static readonly (string Email, string Name, MemberRole Role, string Department, string[] Audiences, int Acknowledged)[] Members =
    [
        ("tanaka@demo.invalid", "営業部長 田中", MemberRole.DepartmentManager, "営業部", [Audiences.DepartmentManagers, Audiences.SecurityStaff], All),
        ("suzuki@demo.invalid", "総務部 鈴木", MemberRole.Employee, "", [Audiences.SystemAdministrators], All),
        ("takahashi@demo.invalid", "営業部 高橋", MemberRole.Employee, "", [Audiences.TeleworkWorkers], 2),
        ("ito@demo.invalid", "経理部 伊藤", MemberRole.Employee, "", [], 0),
    ];

    public static async Task WalkAsync(MamoriDb db, Organization organization, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var culture = Language.Japanese;
        // The administrator of the demo, as the CLI acts for an organization's administrator.
        var administrator = new Membership(organization.Id, "demo", MemberRole.Administrator);

        await StartPolicySet.HandleAsync(db, organization, Author, culture, now, cancellationToken);
        await FillRolesAsync(db, administrator, cancellationToken);
        var basicPolicy = await db.PolicyDocuments.AsNoTracking().SingleAsync(d => d.Kind == DocumentKind.BasicPolicy, cancellationToken);
        await PublishAsync(db, administrator, organization, basicPolicy.Id, now, cancellationToken);

        // SECURITY ACTION ★1: the 5か条 made known to everyone, and the contact sheet beside it.
        var forms = await AddForms.HandleAsync(db, administrator, [FormCatalog.FiveRulesId, "contacts"], Author, now, culture, cancellationToken);
        if (forms.Status != SaveStatus.Saved)
        {
            throw Failed($"AddForms: {forms.Status}");
        }

        foreach (var document in forms.Added)
        {
            await PublishAsync(db, administrator, organization, document.Id, now, cancellationToken);
        }

        var roles = await db.PolicyRoles.AsNoTracking().OrderBy(r => r.Order).ToListAsync(cancellationToken);
        // Besides the seminar's two, the threats the Lv.1 page ranks first for this profile, so that Lv.1 is done on the path.
        var topics = QuickTopics.Concat((await RankThreats.HandleAsync(db, organization, null, culture, cancellationToken))
                .Where(r => r.Applies).Take(PathProgress.TopThreatCount).Select(r => r.Topic.Id))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var standards = topics.Select(t => GenerateStandards.Generate(t, organization, roles, GenerateStandards.Edits.None, culture)).ToList();
        var adopted = await AdoptStandards.HandleAsync(db, administrator, standards, Author, now, cancellationToken)
            ?? throw Failed("AdoptStandards");
        foreach (var document in adopted)
        {
            await PublishAsync(db, administrator, organization, document.Id, now, cancellationToken);
        }

        foreach (var (department, respondent, answers) in Diagnosis)
        {
            var request = new SelfDiagnosisResults.Request(department, respondent, Answers(answers));
            var (response, _) = await SelfDiagnosisResults.RecordAsync(db, administrator, request, now, cancellationToken);
            _ = response ?? throw Failed("SelfDiagnosisResults");
        }

        // SECURITY ACTION ★2: the basic policy on the web, and the declaration recorded (a made-up id).
        if ((await PublicBasicPolicy.PublishAsync(db, administrator, cancellationToken)).Outcome != PublicBasicPolicy.Outcome.Done)
        {
            throw Failed("PublicBasicPolicy");
        }

        var declaration = new RecordDeclaration.Request
        {
            DeclaredOn = now.LocalDate(organization),
            DeclarationId = "DEMO-0001",
            Version = (await db.Organizations.SingleAsync(o => o.Id == organization.Id, cancellationToken)).Version,
        };
        if ((await RecordDeclaration.HandleAsync(db, administrator, declaration, now.LocalDate(organization), cancellationToken)).Status != SaveStatus.Saved)
        {
            throw Failed("RecordDeclaration");
        }

        var rules = await AdoptRules.HandleAsync(db, administrator, organization, Author, now, culture, cancellationToken);
        if (rules is not { Chapters.Count: > 0, Unfilled.Count: 0 })
        {
            throw Failed("AdoptRules");
        }

        // The chapters are approved and published; the Lv.1 standards keep their published five sections
        // (the drafts that point them to the chapters wait for their next review).
        foreach (var chapter in rules.Chapters)
        {
            await PublishAsync(db, administrator, organization, chapter.Id, now, cancellationToken);
        }

        _ = await DecideControl.ConfirmProposalsAsync(db, administrator, organization, Author, now, culture, cancellationToken)
            ?? throw Failed("ConfirmProposals");

        await AddMembersAsync(db, organization, now, cancellationToken);
    }

    /// <summary>
    /// The demo's employees and their acknowledgements. AddMember needs an initial password, which a demo
    /// member must not have, so the accounts are made here; an account under the same address that has a
    /// password belongs to a real person and is left alone.
    /// </summary>
    private static async Task AddMembersAsync(MamoriDb db, Organization organization, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var normalizer = new UpperInvariantLookupNormalizer();
        foreach (var (email, name, role, department, audiences, acknowledged) in Members)
        {
            var normalized = normalizer.NormalizeEmail(email);
            var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
            if (user is null)
            {
                user = NewAccount.For(email, name, now.ToUniversalTime());
                user.NormalizedEmail = normalized;
                user.NormalizedUserName = normalizer.NormalizeName(email);
                user.SecurityStamp = Guid.NewGuid().ToString("N");
                user.LockoutEnabled = true;
                user.LockoutEnd = DateTimeOffset.MaxValue;
                db.Users.Add(user);
            }
            else if (user.PasswordHash is not null)
            {
                continue;
            }

            var membership = new Membership(organization.Id, user.Id, role) { Department = department };
            membership.Audiences.AddRange(audiences);
            db.Memberships.Add(membership);
            await db.SaveChangesAsync(cancellationToken);

            // Everyone has read the 5か条 (SECURITY ACTION ★1 asks it of all); the other procedures only in part.
            var procedures = await Acknowledgements.ForMemberAsync(db, membership, cancellationToken);
            var fiveRules = AddForms.SourceKeyOf(FormCatalog.FiveRulesId);
            foreach (var procedure in procedures.Where(p => p.Document.SourceKey == fiveRules).Concat(procedures.Where(p => p.Document.SourceKey != fiveRules).Take(acknowledged)))
            {
                if (await Acknowledgements.AcknowledgeAsync(db, membership, procedure.Published.Id, now, cancellationToken) != SaveStatus.Saved)
                {
                    throw Failed("Acknowledgements");
                }
            }
        }
    }

    private static async Task FillRolesAsync(MamoriDb db, Membership administrator, CancellationToken cancellationToken)
    {
        var rows = (await db.PolicyRoles.AsNoTracking().OrderBy(r => r.Order).ToListAsync(cancellationToken))
            .Select(r => SaveRoles.Row.From(r) with { Holders = Holders.GetValueOrDefault(r.Key, r.Holders) })
            .ToList();
        var result = await SaveRoles.HandleAsync(db, administrator, rows, cancellationToken);
        if (result.Status != SaveStatus.Saved)
        {
            throw Failed("SaveRoles");
        }
    }

    /// <summary>The document's draft submitted, approved and published, as the approver does it on the document page.</summary>
    private static async Task PublishAsync(MamoriDb db, Membership administrator, Organization organization, Guid documentId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var draft = await db.DocumentVersions.AsNoTracking()
            .Where(v => v.DocumentId == documentId && v.Status == VersionStatus.Draft)
            .OrderByDescending(v => v.Number)
            .FirstAsync(cancellationToken);
        foreach (var (step, actor) in new[] { (DocumentLifecycle.Step.Submit, Author), (DocumentLifecycle.Step.Approve, Approver), (DocumentLifecycle.Step.Publish, Approver) })
        {
            var outcome = await DocumentLifecycle.HandleAsync(db, administrator, organization, draft.Id, step, actor, now, cancellationToken);
            if (outcome != DocumentLifecycle.Outcome.Done)
            {
                throw Failed($"DocumentLifecycle.{step}: {outcome}");
            }
        }
    }

    private static Dictionary<int, DiagnosisAnswer> Answers(string pattern) =>
        pattern.Select((answer, i) => (Number: i + 1, Answer: answer switch
        {
            'D' => DiagnosisAnswer.Done,
            'P' => DiagnosisAnswer.Partly,
            'N' => DiagnosisAnswer.NotDone,
            _ => DiagnosisAnswer.Unknown,
        })).ToDictionary(a => a.Number, a => a.Answer);

    private static InvalidOperationException Failed(string step) => new($"The demo organization could not be loaded: {step} did not succeed.");
}
