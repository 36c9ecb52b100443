namespace ReferralNet.Bench;

/// <summary>
/// The poll that first showed a change on a board: the reading, and how long before it the board
/// was last seen without the change (the measurement's uncertainty for this sample).
/// </summary>
readonly record struct BoardArrival(BoardReading Reading, TimeSpan Window, int Polls);
