using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Mamori.Web.Tests;

/// <summary>
/// A real SMTP server on 127.0.0.1 (the SmtpServer package), in this process: what Mamori sends
/// arrives here as MIME messages, through MailKit and a real socket.
/// </summary>
public sealed class TestSmtpServer : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly Inbox _inbox = new();

    public TestSmtpServer()
    {
        Port = FreePort();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_inbox);
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>The settings that send Mamori's mail here.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["MAMORI_SMTP_HOST"] = "127.0.0.1",
        ["MAMORI_SMTP_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["MAMORI_SMTP_TLS"] = "None",
        ["MAMORI_SMTP_FROM"] = "Mamori <mamori@example.jp>",
    };

    /// <summary>Every message received so far.</summary>
    public IReadOnlyList<MimeMessage> Received => [.. _inbox.Messages];

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _running.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Stopping cancels the listener.
        }

        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Inbox : MessageStore
    {
        public ConcurrentQueue<MimeMessage> Messages { get; } = new();

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
