namespace ReferralNet.Faults;

/// <summary>
/// What happened to the referrals of one run, counted Jepsen-style from both sides' state after
/// the run, read through the APIs. Sent: every referral the API accepted (201) plus every referral
/// the sender's own list holds (a POST in doubt that was committed). Delivered: at the recipient,
/// with the receipt back at the sender. Lost: sent, not delivered. Doubled: one referral's effect
/// taken more than once (two rows for one id on a side, two "created", "received" or
/// "receipt-confirmed" audit entries). Unexpected: at the recipient but never sent.
/// </summary>
sealed record Tally(int Sent, int Delivered, int Lost, int Doubled, int Unexpected, IReadOnlyList<string> Findings)
{
    public static async Task<Tally> CountAsync(Desk sender, Desk recipient, IReadOnlyCollection<string> accepted, int inDoubt, CancellationToken ct)
    {
        var sentList = await sender.ReferralsAsync("sent", ct);
        var receivedList = await recipient.ReferralsAsync("received", ct);
        var findings = new List<string>();

        var atSender = sentList.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.ToList());
        var atRecipient = receivedList.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.ToList());
        var sent = accepted.Concat(atSender.Keys).ToHashSet();

        var acceptedButGone = accepted.Where(id => !atSender.ContainsKey(id)).ToList();
        if (acceptedButGone.Count > 0)
            findings.Add($"{acceptedButGone.Count} referrals accepted with a 201 are missing from the sender's own list (e.g. {acceptedButGone[0]})");
        var acceptedIds = accepted.ToHashSet();
        var inDoubtCommitted = atSender.Keys.Count(id => !acceptedIds.Contains(id));
        if (inDoubtCommitted > 0)
            findings.Add($"{inDoubtCommitted} of {inDoubt} POSTs in doubt had been committed and count as sent");

        var delivered = sent.Where(id => atRecipient.ContainsKey(id) && atSender.TryGetValue(id, out var s) && s.Any(r => r.ReceivedAt is not null)).ToHashSet();
        var missingAtRecipient = sent.Count(id => !atRecipient.ContainsKey(id));
        var receiptMissing = sent.Count(id => atRecipient.ContainsKey(id) && !delivered.Contains(id));
        if (missingAtRecipient > 0)
            findings.Add($"{missingAtRecipient} referrals never reached the recipient");
        if (receiptMissing > 0)
            findings.Add($"{receiptMissing} referrals reached the recipient but their receipt never reached the sender");
        var unexpected = atRecipient.Keys.Count(id => !sent.Contains(id));

        var doubledIds = new HashSet<string>(atSender.Where(g => g.Value.Count > 1).Select(g => g.Key).Concat(atRecipient.Where(g => g.Value.Count > 1).Select(g => g.Key)));
        var doubledAudit = 0;
        // Both sides' audit trails, a few referrals at a time so the services are not swamped.
        await Parallel.ForEachAsync(sent, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (id, token) =>
        {
            var senderActions = await sender.AuditActionsAsync(id, token);
            var recipientActions = await recipient.AuditActionsAsync(id, token);
            if (senderActions.Count(a => a == "created") > 1 || senderActions.Count(a => a == "receipt-confirmed") > 1 || recipientActions.Count(a => a == "received") > 1)
            {
                lock (doubledIds)
                {
                    doubledIds.Add(id);
                    doubledAudit++;
                }
            }
        });
        if (doubledIds.Count > 0)
            findings.Add($"{doubledIds.Count} referrals took effect more than once ({doubledAudit} by their audit trail), e.g. {doubledIds.First()}");

        return new Tally(sent.Count, delivered.Count, sent.Count - delivered.Count, doubledIds.Count, unexpected, findings);
    }
}
