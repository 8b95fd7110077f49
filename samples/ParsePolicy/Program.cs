// Reads a policy file and asks whether MX hosts may receive the domain's mail. The README's
// first example is this program, so the build keeps it honest.
using MtaSts.Client.Policies;

string path = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "mta-sts.txt");
string[] hosts = args.Length > 1 ? args[1..] : ["mail.example.com", "mx1.example.net", "mx.attacker.example"];

PolicyParseResult result = PolicyParser.Parse(File.ReadAllBytes(path));
foreach (ParseDiagnostic diagnostic in result.Diagnostics)
{
    Console.WriteLine(diagnostic);
}

if (result.Policy is not { } policy)
{
    Console.WriteLine("not a valid policy: deliver as if the domain had none");
    return 1;
}

Console.WriteLine($"mode {policy.Mode.ToPolicyValue()}, cache for {policy.MaxAge}");
foreach (string host in hosts)
{
    string verdict = policy.TryMatch(host, out MxPattern pattern) ? $"allowed by {pattern}" : "not in the policy";
    Console.WriteLine($"{host}: {verdict}");
}

return 0;
