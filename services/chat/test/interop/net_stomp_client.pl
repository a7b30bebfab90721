# STOMP over TCP with Perl's Net::Stomp (Debian libnet-stomp-perl): subscribe to a room, send a
# message with a receipt, and wait for it to come back on the room's topic. Prints one JSON line.
#
# usage: net_stomp_client.pl PORT TOKEN ROOM_ID CONTENT
use strict;
use warnings;
use Encode qw(decode);
use JSON::PP;
use Net::Stomp;

my ($port, $token, $room_id, $content) = @ARGV;
$content = decode('UTF-8', $content);
my $json = JSON::PP->new->utf8->canonical;
my $stomp = Net::Stomp->new({ hostname => '127.0.0.1', port => $port });
my $connected = $stomp->connect({ 'accept-version' => '1.2', host => 'chat', Authorization => "Bearer $token" });
die 'no CONNECTED: ' . ($connected ? $connected->command : 'nothing') . "\n"
  unless $connected && $connected->command eq 'CONNECTED';

my (@receipts, @messages, @errors);
$stomp->subscribe({ destination => "/topic/room.$room_id", id => 'pl-1', ack => 'auto', receipt => 'pl-sub' });
$stomp->send({
  destination => '/app/chat.send',
  'content-type' => 'application/json',
  receipt => 'pl-send',
  body => $json->encode({ roomId => 0 + $room_id, content => $content, messageKey => join("", map { sprintf "%04x", int rand 65536 } 1 .. 8) }),
});
my $deadline = time + 15;
my $seen = 0;
while (time < $deadline && !($seen && grep { $_ eq 'pl-send' } @receipts)) {
  next unless $stomp->can_read({ timeout => 1 });
  my $frame = $stomp->receive_frame or last;
  if ($frame->command eq 'RECEIPT') { push @receipts, $frame->headers->{'receipt-id'} }
  elsif ($frame->command eq 'ERROR') { push @errors, $frame->headers->{message}; last }
  elsif ($frame->command eq 'MESSAGE') {
    my $m = $json->decode($frame->body);
    push @messages, $m->{content};
    $seen = 1 if $m->{content} eq $content;
  }
}
$stomp->disconnect;
print $json->encode({ receipts => \@receipts, messages => \@messages, errors => \@errors }), "\n";
