using System.Collections.Concurrent;
using System.Globalization;
using Mamori.Domain;
using Mamori.Import;
using Mamori.Resources;

namespace Mamori.Documents.Xlsx;

/// <summary>The words of the register workbook in one language, from <see cref="DocumentText"/> and the importer's headers.</summary>
internal sealed class WorkbookText
{
    private static readonly ConcurrentDictionary<CultureInfo, WorkbookText> Texts = new();

    private WorkbookText(CultureInfo culture)
    {
        Culture = culture;
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

    /// <summary>The words in <paramref name="culture"/>'s language (Japanese or English).</summary>
    public static WorkbookText For(CultureInfo culture) => Texts.GetOrAdd(Language.Of(culture), c => new WorkbookText(c));

    /// <summary>ja-JP or en-US.</summary>
    public CultureInfo Culture { get; }

    public string RegisterSheet { get; }

    public string RiskSheet { get; }

    public string BandHeader { get; }

    public string RatingErrorTitle { get; }

    public string RatingError { get; }

    public string FlagErrorTitle { get; }

    public string FlagError { get; }

    /// <summary>The header the importer reads for <paramref name="column"/>.</summary>
    public string Header(RegisterColumn column) => column.Header(Culture);
}
