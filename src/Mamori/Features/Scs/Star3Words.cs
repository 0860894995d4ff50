using System.Globalization;
using Mamori.Domain.Scs;
using Mamori.Resources;

namespace Mamori.Features.Scs;

/// <summary>The words the ★3 pages, exports and CLI use for answers and review states, in one culture.</summary>
public sealed class Star3Words(CultureInfo culture)
{
    public string this[string name] => ScsWords.ResourceManager.Text(name, culture);

    public string Of(ScsAnswerStatus status) => this[StatusName(status)];

    public string Of(ScsReviewState state) => this[StateName(state)];

    /// <summary>The machine name of a status in JSON and the API: met, partial, not-met, not-applicable, unanswered.</summary>
    public static string Key(ScsAnswerStatus status) => status switch
    {
        ScsAnswerStatus.Met => "met",
        ScsAnswerStatus.Partial => "partial",
        ScsAnswerStatus.NotMet => "not-met",
        ScsAnswerStatus.NotApplicable => "not-applicable",
        _ => "unanswered",
    };

    public static string Key(ScsReviewState state) => state switch
    {
        ScsReviewState.Requested => "requested",
        ScsReviewState.Raised => "raised",
        ScsReviewState.Addressed => "addressed",
        ScsReviewState.Confirmed => "confirmed",
        _ => "none",
    };

    public static string StatusName(ScsAnswerStatus status) => status switch
    {
        ScsAnswerStatus.Met => nameof(ScsWords.StatusMet),
        ScsAnswerStatus.Partial => nameof(ScsWords.StatusPartial),
        ScsAnswerStatus.NotMet => nameof(ScsWords.StatusNotMet),
        ScsAnswerStatus.NotApplicable => nameof(ScsWords.StatusNotApplicable),
        _ => nameof(ScsWords.StatusUnanswered),
    };

    public static string StateName(ScsReviewState state) => state switch
    {
        ScsReviewState.Requested => nameof(ScsWords.ReviewRequested),
        ScsReviewState.Raised => nameof(ScsWords.ReviewRaised),
        ScsReviewState.Addressed => nameof(ScsWords.ReviewAddressed),
        ScsReviewState.Confirmed => nameof(ScsWords.ReviewConfirmed),
        _ => nameof(ScsWords.ReviewNone),
    };
}
