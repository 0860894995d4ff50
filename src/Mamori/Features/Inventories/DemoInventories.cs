using Mamori.Data;
using Mamori.Domain.Inventories;

namespace Mamori.Features.Inventories;

/// <summary>The demo organization's inventories: a handful of entries of each kind, as a company of 18 people would list them.</summary>
public static class DemoInventories
{
    public static void Add(MamoriDb db, Guid organizationId, DateOnly today)
    {
        InventoryItem Item(InventoryKind kind, string name, Action<InventoryItem> fill)
        {
            var item = new InventoryItem(organizationId, kind, name);
            fill(item);
            db.InventoryItems.Add(item);
            return item;
        }

        Item(InventoryKind.Devices, "営業用ノートPC（12台）", i => (i.Category, i.Maker, i.Model, i.Software, i.Holder, i.Location, i.SupportEndsOn) =
            ("PC", "富士通", "LIFEBOOK U9", "Windows 11 Pro 24H2", "営業部", "持ち出し可", today.AddYears(2)));
        Item(InventoryKind.Devices, "経理・総務用デスクトップPC（4台）", i => (i.Category, i.Maker, i.Model, i.Software, i.Holder, i.Location, i.SupportEndsOn) =
            ("PC", "NEC", "Mate", "Windows 11 Pro 23H2", "経理部・総務部", "本社事務所", today.AddMonths(10)));
        Item(InventoryKind.Devices, "ファイルサーバー（NAS）", i => (i.Category, i.Maker, i.Model, i.Software, i.Holder, i.Location, i.Provider) =
            ("サーバー", "Synology", "DS923+", "DSM 7.2", "総務部", "本社サーバーラック", "ミドリ電算"));
        Item(InventoryKind.Devices, "社用スマートフォン（6台）", i => (i.Category, i.Maker, i.Software, i.Holder) =
            ("スマートフォン", "Apple", "iOS 18", "営業部"));

        Item(InventoryKind.Networks, "本社 業務用 LAN", i => (i.Category, i.Purpose, i.Location, i.Holder) = ("LAN", "業務用", "本社事務所", "総務部"));
        Item(InventoryKind.Networks, "来客用 Wi-Fi", i => (i.Category, i.Purpose, i.Location, i.Holder, i.Note) =
            ("Wi-Fi", "来客用", "本社会議室", "総務部", "業務用 LAN とは分けている"));
        Item(InventoryKind.Networks, "インターネット接続ルーター", i => (i.Category, i.Location, i.Maker, i.Model, i.Software, i.Holder, i.Provider) =
            ("ルーター", "本社サーバーラック", "ヤマハ", "RTX1300", "Rev.23.01.02", "総務部", "ミドリ電算"));
        Item(InventoryKind.Networks, "テレワーク用 VPN", i => (i.Category, i.Purpose, i.Holder, i.Provider) = ("VPN", "在宅勤務からの接続", "総務部", "ミドリ電算"));

        Item(InventoryKind.ExternalServices, "Microsoft 365", i => (i.Provider, i.Purpose, i.Confidential, i.DataHeld, i.TermsChecked, i.MfaEnforced, i.Holder) =
            ("日本マイクロソフト", "メール・ファイル共有", true, "顧客とのメール、見積書", true, true, "総務部"));
        Item(InventoryKind.ExternalServices, "クラウド会計サービス", i => (i.Provider, i.Purpose, i.Confidential, i.DataHeld, i.TermsChecked, i.MfaEnforced, i.Holder) =
            ("会計クラウド株式会社", "会計・請求書発行", true, "取引先の口座情報、請求書", true, true, "経理部"));
        Item(InventoryKind.ExternalServices, "得意先の受発注システム", i => (i.Provider, i.Purpose, i.Confidential, i.DataHeld, i.TermsChecked, i.Holder) =
            ("得意先 A 社", "受注の確認", true, "注文内容", true, "営業部"));

        Item(InventoryKind.AdminIds, "administrator", i => (i.System, i.Holder, i.Privileges, i.ReviewedOn) = ("ファイルサーバー（NAS）", "総務部 田中", "全設定", today.AddMonths(-2)));
        Item(InventoryKind.AdminIds, "admin@demo-shoji.example", i => (i.System, i.Holder, i.Privileges, i.ReviewedOn) = ("Microsoft 365", "総務部 田中", "全体管理者", today.AddMonths(-2)));
        Item(InventoryKind.AdminIds, "rt-admin", i => (i.System, i.Holder, i.Privileges, i.ReviewedOn, i.Note) =
            ("インターネット接続ルーター", "ミドリ電算 保守担当", "設定変更", today.AddMonths(-2), "保守の作業時だけ使う"));
    }
}
