using System.Globalization;
using Mamori.Import;
using Mamori.Resources;

namespace Mamori.Documents.Xlsx;

/// <summary>The words of the register workbook in one language, from <see cref="DocumentText"/> and the importer's headers.</summary>
internal sealed class WorkbookText
{
    private WorkbookText(bool japanese)
    {
        Japanese = japanese;
        var culture = CultureInfo.GetCultureInfo(japanese ? "ja" : "en");
        string Get(string name) =>
            DocumentText.ResourceManager.GetString(name, culture) ?? throw new InvalidOperationException($"The resource {name} is missing.");

        RegisterSheet = Get(nameof(DocumentText.XlsxRegisterSheet));
        RiskSheet = Get(nameof(DocumentText.XlsxRiskSheet));
        BandHeader = Get(nameof(DocumentText.XlsxBandHeader));
        RatingErrorTitle = Get(nameof(DocumentText.XlsxRatingErrorTitle));
        RatingError = Get(nameof(DocumentText.XlsxRatingError));
        FlagErrorTitle = Get(nameof(DocumentText.XlsxFlagErrorTitle));
        FlagError = Get(nameof(DocumentText.XlsxFlagError));
    }

    public static WorkbookText For(bool japanese) => japanese ? JapaneseText.Value : EnglishText.Value;

    private static readonly Lazy<WorkbookText> JapaneseText = new(() => new(japanese: true));
    private static readonly Lazy<WorkbookText> EnglishText = new(() => new(japanese: false));

    public bool Japanese { get; }

    public string RegisterSheet { get; }

    public string RiskSheet { get; }

    public string BandHeader { get; }

    public string RatingErrorTitle { get; }

    public string RatingError { get; }

    public string FlagErrorTitle { get; }

    public string FlagError { get; }

    /// <summary>The header the importer reads for <paramref name="column"/>.</summary>
    public string Header(RegisterColumn column) => column.Header(Japanese);
}
