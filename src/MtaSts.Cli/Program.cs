using System;
using System.IO;
using System.Threading.Tasks;

namespace MtaSts.Cli;

/// <summary>The entry point of the <c>mtasts</c> tool.</summary>
internal static class Program
{
    /// <summary>Runs the command line against the console.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <returns>The exit code, one of <see cref="ExitCodes"/>.</returns>
    public static async Task<int> Main(string[] args)
    {
        try
        {
            return await MtaStsCommand.RunAsync(
                args, Console.Out, Console.Error, Console.OpenStandardInput(), !Console.IsErrorRedirected)
                .ConfigureAwait(false);
        }
        catch (IOException exception) when (exception is not FileNotFoundException and not FileLoadException)
        {
            // Standard output closed or full: there is nowhere left to report but standard error. A
            // missing assembly is a broken installation, not a report that could not be written.
            await Console.Error.WriteLineAsync($"mtasts: cannot write the report: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
    }
}
