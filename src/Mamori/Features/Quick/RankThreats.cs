using System.Globalization;
using Mamori.Catalogs;
using Mamori.Data;
using Mamori.Domain.Assets;
using Mamori.Domain.Catalog;
using Mamori.Domain.Organizations;
using Mamori.Domain.Quick;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Quick;

/// <summary>
/// Step 1 of the Lv.1 flow: the year's 10大脅威, ordered for this organization. IPA's rank is the
/// starting point; the profile and the register move a threat up (telework, personal data, a
/// public web site…) or mark it as not applying (no telework), each with the reason shown.
/// </summary>
public static class RankThreats
{
    public sealed record Ranked(TopThreat Entry, ThreatTopic Topic, int Score, bool Applies, IReadOnlyList<string> Reasons, IReadOnlyList<IncidentCase> Cases);

    public static async Task<IReadOnlyList<Ranked>> HandleAsync(MamoriDb db, Organization organization, int? year, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        var catalogs = CatalogSet.Default;
        var edition = year is { } y && catalogs.TopThreatYears.Contains(y) ? y : catalogs.TopThreatYears[^1];
        var personalAssets = await db.Assets.CountAsync(a => a.PersonalInformation != PersonalInformationKinds.None, cancellationToken);
        var quick = QuickCatalog.For(culture);
        return catalogs.TopThreatsOf(edition)
            .Select(entry =>
            {
                var (score, applies, reasons) = Score(entry, organization, personalAssets);
                return new Ranked(entry, catalogs.FindTopic(entry.TopicId)!, score, applies, reasons, quick.CasesFor(entry.TopicId));
            })
            .OrderByDescending(r => r.Applies)
            .ThenByDescending(r => r.Score)
            .ThenBy(r => r.Entry.Rank)
            .ToList();
    }

    private static (int Score, bool Applies, List<string> Reasons) Score(TopThreat entry, Organization organization, int personalAssets)
    {
        var score = 11 - entry.Rank;
        var applies = true;
        var reasons = new List<string>();
        void Raise(int points, string reason)
        {
            score += points;
            reasons.Add(reason);
        }

        switch (entry.TopicId)
        {
            case "remote-work":
                if (organization.Teleworks)
                {
                    Raise(6, Messages.QuickReasonTelework);
                }
                else
                {
                    applies = false;
                    reasons.Add(Messages.QuickReasonNoTelework);
                }

                break;
            case "insider":
                if (organization.HandlesPersonalInformation || personalAssets > 0)
                {
                    Raise(4, Messages.QuickReasonPersonalData);
                }

                if (organization.HandlesMyNumber)
                {
                    Raise(2, Messages.QuickReasonMyNumber);
                }

                if (organization.EmployeeCount is > 20)
                {
                    Raise(1, Messages.QuickReasonManyStaff);
                }

                break;
            case "carelessness":
                if (organization.HandlesPersonalInformation || personalAssets > 0)
                {
                    Raise(3, Messages.QuickReasonPersonalData);
                }

                break;
            case "system-vulnerability" or "zero-day" or "vulnerability-disclosure" or "ddos":
                if (organization.HasPublicWebsite)
                {
                    Raise(4, Messages.QuickReasonPublicWebsite);
                }

                break;
            case "supply-chain":
                if (organization.UsesCloudServices)
                {
                    Raise(2, Messages.QuickReasonCloud);
                }

                break;
            case "ransomware":
                Raise(3, Messages.QuickReasonRansomware);
                break;
        }

        return (score, applies, reasons);
    }
}
