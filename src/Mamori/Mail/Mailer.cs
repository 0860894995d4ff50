using MailKit.Net.Smtp;
using MimeKit;

namespace Mamori.Mail;

/// <summary>Sends mail through the configured SMTP server (MailKit), or tells that none is configured.</summary>
public sealed class Mailer(MailSettings? settings)
{
    /// <summary>False when no SMTP server is configured: nothing is sent, links are shown instead.</summary>
    public bool IsConfigured => settings is not null;

    /// <summary>Sends one plain-text message to <paramref name="to"/>.</summary>
    public async Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default)
    {
        var smtp = settings ?? throw new InvalidOperationException("No SMTP server is configured.");
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };

        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host, smtp.Port, smtp.SocketOptions, cancellationToken);
        if (smtp.User is { } user)
        {
            await client.AuthenticateAsync(user, smtp.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
