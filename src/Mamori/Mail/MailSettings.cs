using MailKit.Security;

namespace Mamori.Mail;

/// <summary>How TLS is used towards the SMTP server.</summary>
public enum MailTls
{
    /// <summary>TLS from the first byte (port 465).</summary>
    Tls,

    /// <summary>Plain connection upgraded with STARTTLS, which must be offered (port 587).</summary>
    StartTls,

    /// <summary>No TLS at all: only for a relay on the same host or network.</summary>
    None,
}

/// <summary>
/// Where mail goes, read from configuration or the environment under the names below. With no
/// <see cref="HostVariable"/>, Mamori sends nothing and shows invitation links to copy instead.
/// </summary>
public sealed record MailSettings(string Host, int Port, MailTls Tls, string? User, string? Password, string From)
{
    public const string HostVariable = "MAMORI_SMTP_HOST";
    public const string PortVariable = "MAMORI_SMTP_PORT";
    public const string TlsVariable = "MAMORI_SMTP_TLS";
    public const string UserVariable = "MAMORI_SMTP_USER";
    public const string PasswordVariable = "MAMORI_SMTP_PASSWORD";
    public const string FromVariable = "MAMORI_SMTP_FROM";

    /// <summary>The settings <paramref name="read"/> gives, or null when no host is set.</summary>
    /// <exception cref="InvalidOperationException">A host is set but the rest cannot be used.</exception>
    public static MailSettings? Read(Func<string, string?> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var host = read(HostVariable);
        if (string.IsNullOrWhiteSpace(host))
        {
            return null;
        }

        var tls = read(TlsVariable) is { Length: > 0 } tlsText
            ? Enum.TryParse<MailTls>(tlsText, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new InvalidOperationException($"{TlsVariable} must be Tls, StartTls or None, not '{tlsText}'.")
            : MailTls.StartTls;
        var port = read(PortVariable) is { Length: > 0 } portText
            ? int.TryParse(portText, System.Globalization.CultureInfo.InvariantCulture, out var number) && number is > 0 and < 65536
                ? number
                : throw new InvalidOperationException($"{PortVariable} must be a port number, not '{portText}'.")
            : tls switch { MailTls.Tls => 465, MailTls.StartTls => 587, _ => 25 };
        var from = read(FromVariable);
        if (string.IsNullOrWhiteSpace(from) || !MimeKit.MailboxAddress.TryParse(from, out _))
        {
            throw new InvalidOperationException($"{FromVariable} must name the sender's address when {HostVariable} is set.");
        }

        var user = read(UserVariable);
        return new(host.Trim(), port, tls, string.IsNullOrWhiteSpace(user) ? null : user, read(PasswordVariable), from.Trim());
    }

    internal SecureSocketOptions SocketOptions => Tls switch
    {
        MailTls.Tls => SecureSocketOptions.SslOnConnect,
        MailTls.StartTls => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.None,
    };

    /// <summary>The password is never part of the text of these settings (logs, exceptions).</summary>
    public override string ToString() => $"{Host}:{Port} ({Tls}) as {User ?? "(no user)"} from {From}";
}
