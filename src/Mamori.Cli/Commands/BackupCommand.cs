using System.CommandLine;
using Mamori.Cli.Output;
using Mamori.Cli.Resources;
using Mamori.Data;
using Mamori.Features.Backup;

namespace Mamori.Cli.Commands;

/// <summary>`mamori backup --out FILE` and `mamori restore FILE [--force]`.</summary>
internal static class BackupCommand
{
    public static Command Build(CliConsole console)
    {
        var output = new Option<string>("--out") { Description = CliText.OptionBackupOut, Required = true, HelpName = "FILE" };
        var db = CommonOptions.DbPath();
        var connection = CommonOptions.Connection();
        var command = new Command("backup", CliText.BackupDescription) { output, db, connection };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var database = new MamoriDatabase(DatabaseOptions.Resolve(parsed.GetValue(db), parsed.GetValue(connection), console.Environment));
            var result = await BackupDatabase.HandleAsync(database, parsed.GetValue(output)!, cancellationToken);
            if (!result.Succeeded)
            {
                console.Error.WriteLine($"mamori: {result.Problem}");
                return ExitCodes.Rejected;
            }

            console.Out.WriteLine(Text.Format(CliText.BackupWritten, Path.GetFullPath(parsed.GetValue(output)!)));
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command BuildRestore(CliConsole console)
    {
        var file = new Argument<FileInfo>("FILE") { Description = CliText.ArgumentBackupFile };
        var force = new Option<bool>("--force") { Description = CliText.OptionForce };
        var db = CommonOptions.DbPath();
        var connection = CommonOptions.Connection();
        var command = new Command("restore", CliText.RestoreDescription) { file, force, db, connection };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var database = new MamoriDatabase(DatabaseOptions.Resolve(parsed.GetValue(db), parsed.GetValue(connection), console.Environment));
            var result = await RestoreDatabase.HandleAsync(database, parsed.GetValue(file)!.FullName, parsed.GetValue(force), cancellationToken);
            if (!result.Succeeded)
            {
                console.Error.WriteLine($"mamori: {result.Problem}");
                return ExitCodes.Rejected;
            }

            console.Out.WriteLine(Text.Format(CliText.RestoreDone, parsed.GetValue(file)!.FullName));
            return ExitCodes.Success;
        });
        return command;
    }
}
