-- Desks record how a customer gave a consent (visit, phone, email, letter) and let an agent take back a
-- choice moments after recording it; the undo is a row of its own pointing at the row it takes back.
ALTER TABLE consents ADD COLUMN via text CHECK (via IN ('visit', 'phone', 'email', 'letter'));
ALTER TABLE consents ADD COLUMN undoes_id text REFERENCES consents(id);
