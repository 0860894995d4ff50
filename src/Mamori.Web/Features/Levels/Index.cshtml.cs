using System.Globalization;
using Mamori.Features.Levels;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Features.Levels;

/// <summary>Lv.1 / Lv.2 / Lv.3: what the organization has at each level, what moving up adds, and the recommended level.</summary>
public sealed class IndexModel : OrganizationPage
{
    public LevelOverview.Overview Overview { get; private set; } = new([], 0, 1, []);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        Overview = await LevelOverview.BuildAsync(Db, Organization, CultureInfo.CurrentUICulture, cancellationToken);
        return Page();
    }

    public static string TitleOf(int level) => level switch
    {
        1 => LevelText.Level1,
        2 => LevelText.Level2,
        _ => LevelText.Level3,
    };

    public static IEnumerable<string> AddsOf(int level) => (level switch
    {
        1 => LevelText.Level1Adds,
        2 => LevelText.Level2Adds,
        _ => LevelText.Level3Adds,
    }).Split('|');

    public static string StepLabel(string key) => LevelText.ResourceManager.GetString("Step_" + key.Replace('-', '_'), LevelText.Culture) ?? key;

    public static string ProgressLabel(LevelOverview.Progress progress) => progress switch
    {
        LevelOverview.Progress.Reached => LevelText.ProgressReached,
        LevelOverview.Progress.InProgress => LevelText.ProgressInProgress,
        _ => LevelText.ProgressNotStarted,
    };

    /// <summary>Where a level's work is done.</summary>
    public string LinkOf(int level) => level switch
    {
        1 => $"{Base}/quick",
        2 => $"{Base}/baseline",
        _ => $"{Base}/soa",
    };
}
