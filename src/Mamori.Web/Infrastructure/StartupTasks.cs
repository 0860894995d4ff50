using Mamori.Data;
using Mamori.Accounts;
using Mamori.Features.Accounts;
using Mamori.Features.Organizations;
using Microsoft.AspNetCore.Identity;

namespace Mamori.Web.Infrastructure;

/// <summary>
/// Before the server takes requests: bring the database schema up to date, create the first
/// administrator from MAMORI_ADMIN_EMAIL / MAMORI_ADMIN_PASSWORD when there is none, and
/// load the demo organization when started with --demo.
/// </summary>
public sealed class StartupTasks(IServiceProvider services, IConfiguration configuration, ILogger<StartupTasks> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var database = services.GetRequiredService<MamoriDatabase>();
        await database.MigrateAsync(cancellationToken);
        // Creates the data-protection key now if the database has none, so a second node started later finds it.
        services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>().CreateProtector("mamori.startup").Protect([1]);

        await using var scope = services.CreateAsyncScope();
        if (configuration.GetValue<bool>("demo"))
        {
            await DemoOrganization.EnsureAsync(database, services.GetRequiredService<TimeProvider>(), cancellationToken);
        }

        var email = configuration["MAMORI_ADMIN_EMAIL"] ?? Environment.GetEnvironmentVariable("MAMORI_ADMIN_EMAIL");
        var password = configuration["MAMORI_ADMIN_PASSWORD"] ?? Environment.GetEnvironmentVariable("MAMORI_ADMIN_PASSWORD");
        if (!string.IsNullOrWhiteSpace(email) && !string.IsNullOrWhiteSpace(password))
        {
            var result = await CreateFirstAdministrator.HandleAsync(
                database,
                scope.ServiceProvider.GetRequiredService<UserManager<MamoriUser>>(),
                new() { Email = email, DisplayName = email, Password = password },
                services.GetRequiredService<TimeProvider>(),
                cancellationToken);
            foreach (var error in result.Errors.Values.SelectMany(messages => messages))
            {
                logger.LogError("MAMORI_ADMIN_EMAIL/MAMORI_ADMIN_PASSWORD: {Error}", error);
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
