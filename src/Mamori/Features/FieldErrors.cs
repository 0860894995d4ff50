namespace Mamori.Features;

/// <summary>Validation messages keyed by the field they belong to ("" for the request as a whole).</summary>
public sealed class FieldErrors : Dictionary<string, List<string>>
{
    public static IReadOnlyDictionary<string, List<string>> None { get; } = new FieldErrors();

    public void Add(string field, string message)
    {
        if (!TryGetValue(field, out var messages))
        {
            this[field] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>A required text that is missing, or a text over its length.</summary>
    public void Text(string field, string? value, int maxLength, string? requiredMessage = null)
    {
        if (requiredMessage is not null && string.IsNullOrWhiteSpace(value))
        {
            Add(field, requiredMessage);
        }
        else if (value is not null && value.Trim().Length > maxLength)
        {
            Add(field, string.Format(System.Globalization.CultureInfo.CurrentCulture, Resources.Messages.FieldTooLong, maxLength));
        }
    }

    /// <summary>A 1–3 rating, or null when absent (and not required).</summary>
    public Domain.Risk.Rating? Rating(string field, int? value, bool required)
    {
        if (value is { } v && Domain.Risk.Rating.TryFrom(v, out var rating))
        {
            return rating;
        }

        if (value is not null || required)
        {
            Add(field, Resources.Messages.RatingChoose);
        }

        return null;
    }
}
