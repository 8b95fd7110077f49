using System.CommandLine;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using MtaSts.Client.Decision;
using MtaSts.Client.Discovery;
using MtaSts.Client.MailKit;
using MtaSts.Client.Resolution;

// Sends one message under the recipient domain's MTA-STS policy and prints what happened at each MX host.
var from = new Option<string>("--from") { Description = "The sender's address.", Required = true };
var to = new Option<string>("--to") { Description = "The recipient's address.", Required = true };
var subject = new Option<string>("--subject")
{
    Description = "The subject.",
    DefaultValueFactory = _ => "MTA-STS test",
};
var dnsServers = new Option<string[]>("--dns-server")
{
    Description = "A DNS server as address:port, for every lookup; repeat for several. Default: the system's.",
};
var port = new Option<int>("--port")
{
    Description = "The SMTP port of the MX hosts.",
    DefaultValueFactory = _ => MtaStsSenderOptions.DefaultPort,
};
var smartHost = new Option<string?>("--smart-host") { Description = "Relay through this host; its policy applies." };
var trustRoot = new Option<FileInfo?>("--trust-root")
{
    Description = "Trust only this root certificate (PEM or DER) for Policy Hosts and MX hosts, "
        + "as on a test network.",
};
var allowPrivate = new Option<bool>("--allow-private-policy-hosts")
{
    Description = "Let Policy Hosts be at loopback or private addresses.",
};
var tlsRequiredNo = new Option<bool>("--tls-required-no") { Description = "Add 'TLS-Required: No' to the message." };

var root = new RootCommand("Send one message with MailKit under MTA-STS.")
{
    from, to, subject, dnsServers, port, smartHost, trustRoot, allowPrivate, tlsRequiredNo,
};
root.SetAction(async (parsed, cancellationToken) =>
{
    var dnsOptions = new MtaStsDnsOptions();
    foreach (string server in parsed.GetValue(dnsServers) ?? [])
    {
        dnsOptions.Servers.Add(IPEndPoint.Parse(server));
    }

    var dns = new MtaStsDnsClient(dnsOptions);
    var fetchOptions = new PolicyFetchOptions { AllowPrivateAddresses = parsed.GetValue(allowPrivate) };
    var certificateOptions = new MxCertificateOptions();
    if (parsed.GetValue(trustRoot) is { } file)
    {
        X509Certificate2 rootCertificate = X509CertificateLoader.LoadCertificateFromFile(file.FullName);
        fetchOptions.TrustRoots.Add(rootCertificate);
        certificateOptions.TrustRoots.Add(rootCertificate);
    }

    using var http = new HttpClient(PolicyFetcher.CreateHandler(dns, fetchOptions));
    var resolver = new MtaStsPolicyResolver(dns, new PolicyFetcher(http, fetchOptions));
    var sender = new MtaStsSmtpSender(resolver, dns, new MxChecker(certificateOptions),
        new MtaStsSenderOptions { Port = parsed.GetValue(port) });

    var recipient = MailboxAddress.Parse(parsed.GetRequiredValue(to));
    var message = new MimeMessage();
    message.From.Add(MailboxAddress.Parse(parsed.GetRequiredValue(from)));
    message.To.Add(recipient);
    message.Subject = parsed.GetRequiredValue(subject);
    message.Body = new TextPart("plain") { Text = "Sent under the recipient domain's MTA-STS policy." };
    if (parsed.GetValue(tlsRequiredNo))
    {
        message.Headers.Add("TLS-Required", "No");
    }

    DeliveryResult result = await sender.SendAsync(message, recipient.Domain,
        new DeliveryOptions { SmartHost = parsed.GetValue(smartHost) }, cancellationToken);

    Console.WriteLine($"Policy: {result.Resolution?.ToString() ?? "none can apply"}");
    foreach (MxAttempt attempt in result.Attempts)
    {
        Console.WriteLine($"  {attempt}");
    }

    Console.WriteLine($"Outcome: {result.Outcome} {result.EnhancedStatusCode}: {result.Reason}");
    if (result.RecheckRequired)
    {
        Console.WriteLine(
            "Before failing the message for good, re-check the policy (MtaStsSmtpSender.RecheckAsync).");
    }

    return result.Outcome == DeliveryOutcome.Delivered ? 0 : 1;
});

return await root.Parse(args).InvokeAsync();
