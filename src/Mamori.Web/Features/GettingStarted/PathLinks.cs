using Mamori.Domain.Organizations;
using Mamori.Features.GettingStarted;
using Mamori.Web.Resources;

namespace Mamori.Web.Features.GettingStarted;

/// <summary>What the path's steps and items are called, why they matter and where their work is done; shared by the path page and the dashboard.</summary>
public static class PathLinks
{
    /// <summary>
    /// Set by the path page for the organization's pages (Path=/o/{slug}): while it is there, the
    /// layout offers the way back to the path on every page the path leads to, across redirects.
    /// </summary>
    public const string CameFromPathCookie = "mamori-path";

    public static string Title(PathProgress.StepKey step) => Text("Step_" + step);

    public static string Intro(PathProgress.StepKey step) => Text($"Step_{step}_Intro");

    public static string Label(PathProgress.ItemKey item) => Text("Item_" + item);

    public static string Why(PathProgress.ItemKey item) => Text($"Item_{item}_Why");

    public static string StateLabel(PathProgress.State state) => state switch
    {
        PathProgress.State.Done => PathText.StateDone,
        PathProgress.State.InProgress => PathText.StateInProgress,
        _ => PathText.StateNotStarted,
    };

    public static string BadgeOf(PathProgress.State state) => state switch
    {
        PathProgress.State.Done => "text-bg-success",
        PathProgress.State.InProgress => "text-bg-warning",
        _ => "text-bg-secondary",
    };

    /// <summary>The page where <paramref name="item"/> is done, under the organization's <paramref name="baseUrl"/>.</summary>
    public static string Href(PathProgress.ItemKey item, PathProgress.Progress progress, string baseUrl) => item switch
    {
        PathProgress.ItemKey.AnswerProfile => $"{baseUrl}/path/company",
        PathProgress.ItemKey.AdoptFiveRules => $"{baseUrl}/path#step-{PathProgress.StepKey.SecurityActionOneStar}",
        PathProgress.ItemKey.PublishFiveRules => progress.FiveRulesId is { } rules ? $"{baseUrl}/policy/{rules}" : $"{baseUrl}/path#step-{PathProgress.StepKey.SecurityActionOneStar}",
        PathProgress.ItemKey.MakeFiveRulesKnown => $"{baseUrl}/procedures",
        PathProgress.ItemKey.AnswerDiagnosis => $"{baseUrl}/baseline/diagnosis",
        PathProgress.ItemKey.PublishBasicPolicy => progress.BasicPolicyId is { } id ? $"{baseUrl}/policy/{id}" : $"{baseUrl}/path#step-{PathProgress.StepKey.SecurityActionTwoStars}",
        PathProgress.ItemKey.PublishBasicPolicyOnWeb => $"{baseUrl}/policy/public",
        PathProgress.ItemKey.RecordDeclaration => $"{baseUrl}/path#declaration",
        PathProgress.ItemKey.AdoptTopThreatStandards => $"{baseUrl}/quick",
        PathProgress.ItemKey.TailorBaselineChapters => $"{baseUrl}/baseline",
        PathProgress.ItemKey.PrepareScs => $"{baseUrl}/scs",
        _ => $"{baseUrl}/levels",
    };

    /// <summary>The path page's handler that does <paramref name="item"/> in one click (adopting the 5か条, drafting the 基本方針), or null when a page does it.</summary>
    public static string? Handler(PathProgress.ItemKey item, PathProgress.Progress progress) => item switch
    {
        PathProgress.ItemKey.AdoptFiveRules when progress.FiveRulesId is null => "AddFiveRules",
        PathProgress.ItemKey.PublishBasicPolicy when progress.BasicPolicyId is null => "StartBasicPolicy",
        _ => null,
    };

    /// <summary>Whether <paramref name="member"/> may do <paramref name="item"/> on the page it leads to; otherwise the path names who does it instead of a link that would be refused.</summary>
    public static bool CanDo(PathProgress.ItemKey item, Membership member) => item switch
    {
        PathProgress.ItemKey.AnswerProfile or PathProgress.ItemKey.PublishBasicPolicyOnWeb or PathProgress.ItemKey.RecordDeclaration => member.CanAdministerOrganization,
        PathProgress.ItemKey.AdoptFiveRules or PathProgress.ItemKey.AdoptTopThreatStandards or PathProgress.ItemKey.TailorBaselineChapters => member.CanEditDocuments,
        PathProgress.ItemKey.PublishFiveRules or PathProgress.ItemKey.PublishBasicPolicy => member.CanApproveDocuments,
        PathProgress.ItemKey.AnswerDiagnosis => member.CanAnswerDiagnosis,
        _ => member.CanReadRegister,
    };

    private static string Text(string name) => PathText.ResourceManager.GetString(name, PathText.Culture) ?? name;
}
