using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Mamori.Cli.Output;
using Mamori.Cli.Resources;

namespace Mamori.Cli.Commands;

/// <summary>`mamori serve [--urls URL] [--db PATH|--connection STRING] [--demo]` and `mamori demo`: the web application.</summary>
internal static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static Command Build(CliConsole console) => Create("serve", CliText.ServeDescription, console, demoByDefault: false);

    public static Command BuildDemo(CliConsole console) => Create("demo", CliText.DemoDescription, console, demoByDefault: true);

    private static Command Create(string name, string description, CliConsole console, bool demoByDefault)
    {
        var urls = new Option<string>("--urls") { Description = CliText.OptionUrls, DefaultValueFactory = _ => DefaultUrls, HelpName = "URL" };
        var demo = new Option<bool>("--demo") { Description = CliText.OptionDemo };
        var db = CommonOptions.DbPath();
        var connection = CommonOptions.Connection();
        var command = new Command(name, description) { urls, db, connection };
        if (!demoByDefault)
        {
            command.Options.Add(demo);
        }

        command.SetAction(async (parsed, cancellationToken) =>
        {
            var args = new List<string> { "--urls", parsed.GetValue(urls)! };
            if (parsed.GetValue(db) is { } path)
            {
                args.AddRange(["--db", Path.GetFullPath(path)]);
            }

            if (parsed.GetValue(connection) is { } connectionString)
            {
                args.AddRange(["--connection", connectionString]);
            }

            if (demoByDefault || parsed.GetValue(demo))
            {
                args.AddRange(["--demo", "true"]);
            }

            await using var app = Web.WebApp.Build([.. args]);
            await app.StartAsync(cancellationToken);
            console.Out.WriteLine(Text.Format(CliText.ServeListening, parsed.GetValue(urls)));
            await app.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
