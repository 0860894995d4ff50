using System.Globalization;
using Mamori.Catalogs;
using Mamori.Data;
using Mamori.Domain.Baseline;
using Mamori.Domain.Organizations;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Baseline;

/// <summary>
/// Lv.2 step 1: the 自社診断. Anyone in the organization may answer, for their department;
/// the 責任者 sees the latest answers of each department side by side, combined (the weakest
/// answer per item), and the score over time.
/// </summary>
public static class SelfDiagnosisResults
{
    public sealed record Request(string? Department, string? Respondent, IReadOnlyDictionary<int, DiagnosisAnswer> Answers);

    public sealed record Overview(
        IReadOnlyList<DiagnosisResponse> Latest,
        IReadOnlyDictionary<int, DiagnosisAnswer> Combined,
        int CombinedScore,
        IReadOnlyList<DiagnosisResponse> History);

    public sealed record Gap(DiagnosisItem Item, DiagnosisAnswer Answer, BaselineChapter? Chapter);

    /// <summary>Records one department's answers; every item must be answered.</summary>
    public static async Task<(DiagnosisResponse? Response, IReadOnlyDictionary<string, List<string>> Errors)> RecordAsync(
        MamoriDb db, Membership membership, Request request, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        if (!membership.CanAnswerDiagnosis)
        {
            errors.Add("", Messages.DiagnosisReadOnly);
            return (null, errors);
        }

        errors.Text(nameof(Request.Department), request.Department, Domain.Assets.InformationAsset.MaxTextLength);
        errors.Text(nameof(Request.Respondent), request.Respondent, Domain.Assets.InformationAsset.MaxTextLength);
        foreach (var number in Enumerable.Range(1, DiagnosisScore.ItemCount))
        {
            if (!request.Answers.TryGetValue(number, out var answer) || !Enum.IsDefined(answer))
            {
                errors.Add($"Answers[{number}]", string.Format(System.Globalization.CultureInfo.CurrentCulture, Messages.DiagnosisItemUnanswered, number));
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var department = string.IsNullOrWhiteSpace(request.Department) ? Messages.DiagnosisWholeCompany : request.Department.Trim();
        var response = new DiagnosisResponse(membership.OrganizationId, department, (request.Respondent ?? "").Trim(), now);
        foreach (var (number, answer) in request.Answers.Where(a => a.Key is >= 1 and <= DiagnosisScore.ItemCount))
        {
            response.Answers[number] = answer;
        }

        db.DiagnosisResponses.Add(response);
        await db.SaveChangesAsync(cancellationToken);
        return (response, FieldErrors.None);
    }

    public static async Task<Overview> OverviewAsync(MamoriDb db, CancellationToken cancellationToken = default)
    {
        // Few rows per organization: ordered here, since SQLite cannot order by a DateTimeOffset.
        var history = (await db.DiagnosisResponses.AsNoTracking().ToListAsync(cancellationToken)).OrderBy(r => r.AnsweredAt).ToList();
        var latest = history.GroupBy(r => r.Department).Select(g => g.Last()).OrderBy(r => r.Department, StringComparer.Ordinal).ToList();
        var combined = Enumerable.Range(1, DiagnosisScore.ItemCount)
            .ToDictionary(n => n, n => DiagnosisScore.Combine(latest.Select(r => r.Answers.GetValueOrDefault(n, DiagnosisAnswer.Unknown))));
        return new Overview(latest, combined, latest.Count == 0 ? 0 : DiagnosisScore.Of(combined.Values), history);
    }

    /// <summary>Items answered below 実施している, in item order, each with the 規程 chapter that will cover it.</summary>
    public static IReadOnlyList<Gap> Gaps(IReadOnlyDictionary<int, DiagnosisAnswer> answers, CultureInfo culture)
    {
        var catalog = BaselineCatalog.For(culture);
        return catalog.Items
            .Where(i => answers.GetValueOrDefault(i.Number, DiagnosisAnswer.Unknown) != DiagnosisAnswer.Done)
            .Select(i => new Gap(i, answers.GetValueOrDefault(i.Number, DiagnosisAnswer.Unknown), catalog.Chapter(i.ChapterId)))
            .ToList();
    }
}
