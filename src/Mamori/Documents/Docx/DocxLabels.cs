using System.Globalization;
using Mamori.Resources;

namespace Mamori.Documents.Docx;

/// <summary>Labels and date format of one document's language, from DocumentText.</summary>
internal sealed class DocxLabels(CultureInfo culture)
{
    private readonly CultureInfo _culture = culture;

    public string this[string key] => DocumentText.ResourceManager.GetString(key, _culture) ?? key;

    public string Date(DateOnly date) => date.ToString(this[nameof(DocumentText.DocxDateFormat)], CultureInfo.InvariantCulture);

    public string LabelValue(string key, string value) =>
        string.Format(_culture, this[nameof(DocumentText.DocxLabelValue)], this[key], value);

    public string Join(IEnumerable<string> values) => string.Join(this[nameof(DocumentText.DocxListSeparator)], values);

    public string SoftLineBreak => this[nameof(DocumentText.DocxSoftLineBreak)];
}
