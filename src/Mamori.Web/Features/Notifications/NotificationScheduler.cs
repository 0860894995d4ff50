using Mamori.Data;
using Mamori.Features.Notifications;
using Mamori.Mail;

namespace Mamori.Web.Features.Notifications;

/// <summary>
/// Each web node runs this: every interval (MAMORI_NOTIFICATION_INTERVAL_MINUTES, 15 by default; 0
/// switches it off) it tries the lease and, holding it, sends what is due (<see cref="SendNotifications"/>).
/// The first run waits one interval after start, so a node that restarts does not race the others.
/// Without SMTP it does nothing.
/// </summary>
public sealed class NotificationScheduler(IServiceProvider services, ILogger<NotificationScheduler> logger) : BackgroundService
{
    /// <summary>This node's name in the lease: the host's name and a value new at each start.</summary>
    public static string NewNodeId() => $"{Environment.MachineName}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = services.GetRequiredService<NotificationOptions>();
        var mailer = services.GetRequiredService<Mailer>();
        if (options.Interval <= TimeSpan.Zero || !mailer.IsConfigured)
        {
            return;
        }

        var time = services.GetRequiredService<TimeProvider>();
        var run = new SendNotifications(services.GetRequiredService<MamoriDatabase>(), mailer, options, time, NewNodeId());
        using var timer = new PeriodicTimer(options.Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var outcome = await run.RunOnceAsync(stoppingToken);
                if (outcome.Sent + outcome.Failed > 0)
                {
                    logger.LogInformation("Notifications: {Sent} sent, {Failed} failed (node {Node}).", outcome.Sent, outcome.Failed, run.Node);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A database that is briefly unreachable must not stop the node's scheduler for good.
                logger.LogError(e, "The notification run failed; the next one is in {Interval}.", options.Interval);
            }
        }
    }
}

public static class NotificationServices
{
    /// <summary>The notification options (read when first needed, like the mail settings) and each node's scheduler.</summary>
    public static IServiceCollection AddMamoriNotifications(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            return NotificationOptions.Read(name => configuration[name] ?? Environment.GetEnvironmentVariable(name));
        });
        services.AddHostedService<NotificationScheduler>();
        return services;
    }
}
