using System.Collections.Concurrent;
using System.Globalization;
using Mamori.Resources;

namespace Mamori.Documents.Docx;

/// <summary>Labels and date format of one document's language, from DocumentText.</summary>
internal sealed class DocxLabels(CultureInfo culture)
{
    private readonly CultureInfo _culture = culture;

    // ResourceManager takes a lock and walks the culture's fallbacks on every call; the whole
    // policy book asks for its labels some ten thousand times.
    private static readonly ConcurrentDictionary<(string Culture, string Key), string> Found = new();

    public string this[string key] =>
        Found.GetOrAdd((_culture.Name, key), static (k, culture) => DocumentText.ResourceManager.GetString(k.Key, culture) ?? k.Key, _culture);

    public string Date(DateOnly date) => date.ToString(this[nameof(DocumentText.DocxDateFormat)], CultureInfo.InvariantCulture);

    public string LabelValue(string key, string value) =>
        string.Format(_culture, this[nameof(DocumentText.DocxLabelValue)], this[key], value);

    public string Join(IEnumerable<string> values) => string.Join(this[nameof(DocumentText.DocxListSeparator)], values);

    public string SoftLineBreak => this[nameof(DocumentText.DocxSoftLineBreak)];
}
