"""STOMP over TCP with stomp.py (Debian python3-stomp): subscribe to a room, send a message
with a receipt, and wait for it to come back on the room's topic. Prints one JSON line.

usage: stomp_py_client.py PORT TOKEN ROOM_ID CONTENT
"""
import json
import sys
import threading
import uuid

import stomp

port, token, room_id, content = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
receipts, messages, errors = [], [], []
done = threading.Event()


class Listener(stomp.ConnectionListener):
    def on_receipt(self, frame):
        receipts.append(frame.headers['receipt-id'])

    def on_message(self, frame):
        body = json.loads(frame.body)
        if frame.headers.get('destination') == '/user/queue/errors':
            errors.append(body.get('code', '') + ': ' + body.get('message', ''))
            done.set()
            return
        messages.append(body)
        if body.get('content') == content:
            done.set()

    def on_error(self, frame):
        errors.append(frame.headers.get('message', frame.body))
        done.set()


conn = stomp.Connection12([('127.0.0.1', port)], heartbeats=(0, 0))
conn.set_listener('', Listener())
conn.connect(headers={'Authorization': 'Bearer ' + token}, wait=True)
conn.subscribe(destination='/user/queue/errors', id='py-errors', ack='auto')
conn.subscribe(destination='/topic/room.%d' % room_id, id='py-1', ack='auto', headers={'receipt': 'py-sub'})
conn.send(
    destination='/app/chat.send',
    body=json.dumps({'roomId': room_id, 'content': content, 'messageKey': str(uuid.uuid4())}),
    content_type='application/json',
    headers={'receipt': 'py-send'},
)
done.wait(15)
conn.disconnect(receipt='py-bye')
print(json.dumps({'receipts': receipts, 'messages': [m.get('content') for m in messages], 'errors': errors}))
