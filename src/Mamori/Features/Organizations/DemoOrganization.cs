using System.Globalization;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Domain.Assets;
using Mamori.Domain.Organizations;
using Mamori.Domain.Risk;
using Mamori.Domain.Treatments;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Organizations;

/// <summary>
/// The demo organization of `mamori serve --demo`: the seminar's register rows, its laptop risk
/// scenario and a scenario from its 内部不正 incident, then the seminar's journey
/// (<see cref="DemoJourney"/>: roles, 基本方針, Lv.1 standards and procedures published, the
/// 自社診断, Lv.2 chapters published, SoA decisions, employees who cannot sign in and their
/// acknowledgements) and the treatment tasks, so a newcomer sees a populated
/// product at once. The organization and all its rows commit in one transaction; a demo already
/// there is left as it is.
/// </summary>
public static class DemoOrganization
{
    public const string Slug = "demo";

    public static async Task EnsureAsync(MamoriDatabase database, TimeProvider time, CancellationToken cancellationToken)
    {
        var organization = new Organization(Slug, "デモ商事株式会社", time.GetUtcNow())
        {
            Industry = "卸売業・小売業",
            Representative = "代表取締役 山田 太郎",
            EmployeeCount = 18,
            UsesCloudServices = true,
            Teleworks = true,
            HandlesPersonalInformation = true,
        };
        // Confined to the new organization, so that its rows are written with it.
        await using var db = database.Open(organization.Id, new Actor("demo", time));
        if (await db.Organizations.AnyAsync(o => o.Slug == Slug, cancellationToken))
        {
            return;
        }

        var (ui, formats) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        // The demo is a Japanese company: the use cases' headings and summaries are written in Japanese whoever starts it.
        (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (Language.Japanese, Language.Japanese);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await LoadAsync(db, organization, time, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formats);
        }
    }

    private static async Task LoadAsync(MamoriDb db, Organization organization, TimeProvider time, CancellationToken cancellationToken)
    {
        db.Organizations.Add(organization);
        var today = time.Today(organization);
        InformationAsset Row(string category, string name, string notes, string department, string media, int c, int i, int a, int likelihood)
        {
            var asset = new InformationAsset(organization.Id, name, Rating.From(c), Rating.From(i), Rating.From(a))
            {
                BusinessCategory = category,
                Notes = notes,
                UserScope = department,
                RiskOwner = department + "長",
                Department = department,
                MediaAndLocation = media,
                RegisteredOn = today,
            };
            asset.SetLikelihood(Rating.From(likelihood));
            db.Assets.Add(asset);
            return asset;
        }

        Row("人事", "社員名簿", "社員基本情報", "人事部", "人事担当者のPC", 3, 3, 2, 3);
        Row("経理", "当社宛請求書", "過去3年分", "経理部", "経理担当者のPC", 3, 3, 2, 2);
        var customers = Row("営業", "顧客リスト", "得意先", "営業部", "営業担当者のPC", 3, 3, 3, 2);
        var laptopData = Row("営業", "ノートPC内の情報（データ）", "営業担当者が持ち歩く業務用ノートPC", "営業部", "業務用ノートPC", 3, 3, 2, 3);

        var laptop = SeedExamples.LaptopScenario(organization.Id, laptopData.Id);
        db.RiskScenarios.Add(laptop);
        var insider = SeedExamples.InsiderLeakScenario(organization.Id, customers.Id);
        db.RiskScenarios.Add(insider);
        Inventories.DemoInventories.Add(db, organization.Id, today);
        await db.SaveChangesAsync(cancellationToken);

        await DemoJourney.WalkAsync(db, organization, time.GetUtcNow(), cancellationToken);

        db.TreatmentTasks.Add(new TreatmentTask(organization.Id, "ノートPCのパスワードを12文字以上に変更し、画面ロックを5分に設定する")
        {
            RiskScenarioId = laptop.Id, ControlId = "8.5", Owner = "システム管理者", DueOn = today.AddDays(14),
        });
        db.TreatmentTasks.Add(new TreatmentTask(organization.Id, "ノートPCの持ち出し申請と返却記録の様式を作る")
        {
            RiskScenarioId = laptop.Id, ControlId = "7.9", Owner = "総務部長", DueOn = today.AddDays(-3), Status = TreatmentStatus.InProgress,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
