using System.CommandLine;
using System.Globalization;
using Mamori.Cli.Output;
using Mamori.Cli.Resources;
using Mamori.Features.Archive;

namespace Mamori.Cli.Commands;

/// <summary>`mamori migrate --from-db PATH --to-connection STRING`: the whole installation from its SQLite file to an empty PostgreSQL database.</summary>
internal static class MigrateCommand
{
    public static Command Build(CliConsole console)
    {
        var from = new Option<string>("--from-db") { Description = CliText.OptionMigrateFrom, Required = true, HelpName = "PATH" };
        var to = new Option<string>("--to-connection") { Description = CliText.OptionMigrateTo, Required = true, HelpName = "STRING" };
        var command = new Command("migrate", CliText.MigrateDescription) { from, to };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var result = await MigrateInstallation.HandleAsync(Path.GetFullPath(parsed.GetValue(from)!), parsed.GetValue(to)!, cancellationToken);
            if (!result.Succeeded)
            {
                console.Error.WriteLine($"mamori: {result.Problem}");
                return ExitCodes.Rejected;
            }

            foreach (var table in result.Tables)
            {
                console.Out.WriteLine($"  {table.Name}: {table.Rows.ToString(CultureInfo.InvariantCulture)}");
            }

            console.Out.WriteLine(Text.Format(CliText.MigrateDone, result.Tables.Sum(t => t.Rows), result.Organizations));
            return ExitCodes.Success;
        });
        return command;
    }
}
