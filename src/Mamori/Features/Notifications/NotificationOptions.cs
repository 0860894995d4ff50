using System.Globalization;

namespace Mamori.Features.Notifications;

/// <summary>
/// How notifications run, read from configuration or the environment. Mail itself needs the SMTP
/// settings (<see cref="Mail.MailSettings"/>); without them nothing is sent.
/// </summary>
/// <param name="PublicUrl">The address people open Mamori at, for the links in mails; null leaves the links out.</param>
/// <param name="Interval">How often each node looks for due notifications; <see cref="TimeSpan.Zero"/> switches the scheduler off.</param>
public sealed record NotificationOptions(Uri? PublicUrl, TimeSpan Interval)
{
    public const string PublicUrlVariable = "MAMORI_PUBLIC_URL";
    public const string IntervalVariable = "MAMORI_NOTIFICATION_INTERVAL_MINUTES";
    public const int DefaultIntervalMinutes = 15;

    /// <summary>The options <paramref name="read"/> gives.</summary>
    /// <exception cref="InvalidOperationException">A value is set but cannot be used.</exception>
    public static NotificationOptions Read(Func<string, string?> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        Uri? publicUrl = null;
        if (read(PublicUrlVariable) is { Length: > 0 } url)
        {
            publicUrl = Uri.TryCreate(url.Trim().TrimEnd('/') + "/", UriKind.Absolute, out var parsed) && parsed.Scheme is "https" or "http"
                ? parsed
                : throw new InvalidOperationException($"{PublicUrlVariable} must be an http or https address, not '{url}'.");
        }

        var minutes = DefaultIntervalMinutes;
        if (read(IntervalVariable) is { Length: > 0 } text
            && !(int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out minutes) && minutes <= 24 * 60))
        {
            throw new InvalidOperationException($"{IntervalVariable} must be a number of minutes from 0 (off) to 1440, not '{text}'.");
        }

        return new(publicUrl, TimeSpan.FromMinutes(minutes));
    }

    /// <summary>How long a node keeps the run to itself: two intervals, so it renews well before another may take over.</summary>
    public TimeSpan Lease => Interval > TimeSpan.Zero ? 2 * Interval : TimeSpan.FromMinutes(2 * DefaultIntervalMinutes);

    /// <summary>The absolute address of <paramref name="path"/> (e.g. "/o/acme/treatments"), or null without a public URL.</summary>
    public string? Link(string path) => PublicUrl is { } root ? new Uri(root, path.TrimStart('/')).AbsoluteUri : null;
}
